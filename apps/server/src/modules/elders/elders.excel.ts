import ExcelJS from 'exceljs';
import { CATEGORY_ZH, codesFromLabels, CreateElder, LIVING_SITUATION_ZH, type ImportRowError } from '@yiyang/contracts';
import type { z } from 'zod';
import { maskNumbersIn } from '../../platform/crypto.js';

/**
 * The registry's spreadsheet layout, shared by the template, the import and the export: columns
 * are found by their Chinese header, so users may reorder them or add their own.
 */
export const COLUMNS = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  unit: '所属单位',
  address: '地址',
  lat: '纬度',
  lng: '经度',
  livingSituation: '居住状况',
  categories: '保障类别',
  contact1Name: '紧急联系人姓名',
  contact1Relation: '紧急联系人关系',
  contact1Phone: '紧急联系人电话',
  contact2Name: '紧急联系人2姓名',
  contact2Relation: '紧急联系人2关系',
  contact2Phone: '紧急联系人2电话',
} as const;
export type ColumnKey = keyof typeof COLUMNS;
const REQUIRED: ColumnKey[] = ['name', 'idNumber', 'unit', 'contact1Name', 'contact1Relation', 'contact1Phone'];

/** Where a field of CreateElder comes from, to name the column in an error. */
const FIELD_COLUMN: Record<string, ColumnKey> = {
  name: 'name', idNumber: 'idNumber', phone: 'phone', orgUnitId: 'unit', address: 'address', location: 'lat',
  livingSituation: 'livingSituation', categories: 'categories',
};

export type UnitResolver = (cell: string) => { id: string } | { problem: string };

/**
 * Matches a unit cell against the units the importer may register into (grids and compounds in its
 * subtree): the unit's code, its full path of names ("湖滨街道/东坡社区/第一网格"), or any unique
 * tail of that path ("东坡社区/第一网格") — "第一网格" alone exists in every community. `above` are
 * the names over the importer's unit, so a path written from higher up (an export's
 * "湖滨街道/东坡社区/第一网格", read back by a community worker) is found too.
 */
export function unitResolver(units: { id: string; code: string | null; names: string[] }[], above: string[] = []): UnitResolver {
  const byKey = new Map<string, string | null>();
  const add = (key: string, id: string) => byKey.set(key, byKey.has(key) && byKey.get(key) !== id ? null : id);
  for (const u of units) {
    if (u.code) add(`#${u.code}`, u.id);
    const full = [...above, ...u.names];
    for (let i = 0; i < full.length; i++) add(full.slice(i).join('/'), u.id);
  }
  return (cell) => {
    const key = cell.trim().replace(/\s*[/／>＞]\s*/g, '/');
    const id = byKey.has(key) ? byKey.get(key) : byKey.get(`#${key}`);
    if (id) return { id };
    // The report is stored: a number typed into the wrong column is echoed masked.
    if (id === null) return { problem: `“${maskNumbersIn(cell)}” matches more than one unit; give the community too, e.g. 东坡社区/${maskNumbersIn(key)}` };
    return { problem: `no grid or compound “${maskNumbersIn(cell)}” in your area` };
  };
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

export type ParsedRow = { rowNumber: number; input: z.output<typeof CreateElder> } | { rowNumber: number; errors: ImportRowError[] };

/** Header row → column index, or the missing required headers. */
export function headerIndex(header: string[]): { index: Partial<Record<ColumnKey, number>>; missing: string[] } {
  const index: Partial<Record<ColumnKey, number>> = {};
  for (const [key, title] of Object.entries(COLUMNS) as [ColumnKey, string][]) {
    const i = header.findIndex((h) => h.replace(/[*＊\s]/g, '') === title);
    if (i >= 0) index[key] = i;
  }
  return { index, missing: REQUIRED.filter((k) => index[k] === undefined).map((k) => COLUMNS[k]) };
}

/** One spreadsheet row → a registration, validated exactly as the API validates it. */
export function parseRow(rowNumber: number, cells: string[], index: Partial<Record<ColumnKey, number>>, resolveUnit: UnitResolver): ParsedRow {
  const get = (k: ColumnKey) => (index[k] === undefined ? '' : (cells[index[k]] ?? ''));
  const errors: ImportRowError[] = [];
  const err = (k: ColumnKey, message: string) => errors.push({ row: rowNumber, column: COLUMNS[k], message });

  const unit = get('unit') ? resolveUnit(get('unit')) : { problem: 'required' };
  if ('problem' in unit) err('unit', unit.problem);
  const living = codesFromLabels(get('livingSituation'), LIVING_SITUATION_ZH);
  if (living.unknown.length) err('livingSituation', `unknown: ${maskNumbersIn(living.unknown.join('、'))} (allowed: ${Object.values(LIVING_SITUATION_ZH).join('、')})`);
  const categories = codesFromLabels(get('categories'), CATEGORY_ZH);
  if (categories.unknown.length) err('categories', `unknown: ${maskNumbersIn(categories.unknown.join('、'))}`);
  const lat = get('lat');
  const lng = get('lng');
  if (!!lat !== !!lng) err(lat ? 'lng' : 'lat', 'latitude and longitude go together');

  const contacts = [
    { name: get('contact1Name'), relation: get('contact1Relation'), phone: get('contact1Phone'), cols: ['contact1Name', 'contact1Relation', 'contact1Phone'] as const },
    { name: get('contact2Name'), relation: get('contact2Relation'), phone: get('contact2Phone'), cols: ['contact2Name', 'contact2Relation', 'contact2Phone'] as const },
  ].filter((c, i) => i === 0 || c.name || c.relation || c.phone);

  const candidate = {
    name: get('name'),
    idNumber: get('idNumber'),
    ...(get('phone') ? { phone: get('phone') } : {}),
    orgUnitId: 'id' in unit ? unit.id : '00000000-0000-4000-8000-000000000000',
    address: get('address'),
    ...(lat && lng ? { location: { lat: Number(lat), lng: Number(lng) } } : {}),
    livingSituation: living.codes,
    categories: categories.codes,
    emergencyContacts: contacts.map(({ name, relation, phone }) => ({ name, relation, phone })),
  };
  const parsed = CreateElder.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, i, sub] = issue.path as (string | number)[];
      if (field === 'emergencyContacts' && typeof i === 'number') {
        const c = contacts[i]!;
        const col = sub === 'relation' ? c.cols[1] : sub === 'phone' ? c.cols[2] : c.cols[0];
        err(col, issue.message);
      } else if (field === 'emergencyContacts') err('contact1Name', issue.message);
      else err(FIELD_COLUMN[String(field)] ?? 'name', issue.message);
    }
  }
  if (errors.length || !parsed.success) return { rowNumber, errors };
  return { rowNumber, input: parsed.data };
}

/** The downloadable template: headers, one example row, and a sheet of allowed values and units. */
export async function buildTemplate(unitPaths: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yiyang';
  const ws = wb.addWorksheet('老年人信息');
  const keys = Object.keys(COLUMNS) as ColumnKey[];
  ws.addRow(keys.map((k) => (REQUIRED.includes(k) ? `${COLUMNS[k]}*` : COLUMNS[k])));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['张秀兰', '330102194203152220', '13812345678', unitPaths[0] ?? '东坡社区/第一网格', '解放路12号3幢2单元301室', '', '', '独居', '80岁及以上老人', '李建国', '儿子', '13987654321', '', '', '']);
  keys.forEach((k, i) => {
    ws.getColumn(i + 1).width = k === 'idNumber' || k === 'unit' || k === 'address' ? 28 : 14;
    // ID and phone numbers as text, so Excel does not turn them into 3.3E+17.
    if (k === 'idNumber' || k.toLowerCase().includes('phone')) ws.getColumn(i + 1).numFmt = '@';
  });
  const help = wb.addWorksheet('填写说明');
  help.addRow(['居住状况（可多选，用“、”分隔）', Object.values(LIVING_SITUATION_ZH).join('、')]);
  help.addRow(['保障类别（可多选，用“、”分隔）', Object.values(CATEGORY_ZH).join('、')]);
  help.addRow(['出生日期和性别', '由身份证号自动读取，无需填写']);
  help.addRow([]);
  help.addRow(['所属单位（可填写以下任一行，或其末尾唯一的部分）']);
  for (const p of unitPaths) help.addRow([p]);
  help.getColumn(1).width = 48;
  help.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
