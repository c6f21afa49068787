import ExcelJS from 'exceljs';
import { makeIdNumber } from '@yiyang/contracts';
import { COLUMNS, type ColumnKey } from '../../src/modules/elders/elders.excel.js';

export type SheetRow = Partial<Record<ColumnKey, string | number>>;

/** An .xlsx in the template's layout (tests, the import bench and the browser test build theirs with it). */
export async function elderWorkbook(rows: SheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('老年人信息');
  const keys = Object.keys(COLUMNS) as ColumnKey[];
  ws.addRow(keys.map((k) => COLUMNS[k]));
  for (const r of rows) ws.addRow(keys.map((k) => r[k] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid row; `serial` keeps ID numbers unique (region 330110 is not used by the demo seed). */
export function sampleRow(serial: number, unit: string, over: SheetRow = {}): SheetRow {
  const year = 1930 + (serial % 35);
  const day = String((Math.floor(serial / 35) % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(serial / (35 * 28)) % 12) + 1).padStart(2, '0');
  return {
    name: `导入${'甲乙丙丁戊己庚辛'[serial % 8]}${'春夏秋冬'[Math.floor(serial / 8) % 4]}`,
    idNumber: makeIdNumber('330110', `${year}-${month}-${day}`, Math.floor(serial / (35 * 28 * 12)) % 1000),
    phone: `139${String(serial).padStart(8, '0')}`,
    unit,
    address: `测试路${serial}号`,
    livingSituation: serial % 3 === 0 ? '独居' : '',
    categories: year <= 1945 ? '80岁及以上老人' : '',
    contact1Name: '王小明',
    contact1Relation: '儿子',
    contact1Phone: '13700000000',
    ...over,
  };
}
