import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { CARE_TIER_ZH, CATEGORY_ZH, ELDER_STATUS_ZH, ExportQuery, LIVING_SITUATION_ZH, SEX_ZH } from '@yiyang/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.js';
import { can } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decryptField, maskNumbersIn, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { assertOrgUnitInScope } from '../../platform/scope.js';
import { COLUMNS } from './elders.excel.js';
import { ageOn } from './elders.id-number.js';
import { contactsOf } from './elders.mapping.js';
import * as repo from './elders.repository.js';

/**
 * One worksheet holds 1,048,576 rows; a million elders is a whole large district. The file is
 * streamed and read in keyset batches, so memory and per-batch cost stay flat however many rows.
 */
const MAX_EXPORT_ROWS = 1_000_000;

/** The current filtered list as .xlsx, in the import template's columns so an export can be edited and re-imported. */
export class ExportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: FieldKeys,
  ) {}

  async export(ctx: RequestContext, q: z.output<typeof ExportQuery>) {
    if (q.full && !can(ctx.actor, 'elders.reveal')) throw forbidden('full numbers in an export need the elders.reveal permission');
    if (q.orgUnitId) await assertOrgUnitInScope(this.db, ctx.actor, q.orgUnitId);
    const area = await repo.areaCondition(this.db, ctx.actor, q.orgUnitId);
    const where = repo.filterConditions(this.keys, q);
    const rows = await repo.countCapped(this.db, area, where, MAX_EXPORT_ROWS);
    if (rows > MAX_EXPORT_ROWS) throw badRequest(`more than ${MAX_EXPORT_ROWS} elders match; narrow the filters`);
    const { full, ...filters } = q;
    // A search by ID-card or phone number is recorded masked: the audit log must not become a copy of the numbers.
    const recorded = { ...filters, ...(filters.q ? { q: maskNumbersIn(filters.q) } : {}) };
    await recordAudit(this.db, ctx, { action: full ? 'elder.export_full' : 'elder.export', entityType: 'elder', orgUnitId: q.orgUnitId ?? ctx.actor.orgUnitId, details: { filters: recorded, rows, full } });
    const unitPath = await unitPaths(this.db);

    const out = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('老年人信息');
    const headers = [...Object.values(COLUMNS), '性别', '出生日期', '年龄', '能力等级', '照护类型', '状态'];
    ws.columns = headers.map((h) => ({ header: h, width: h === COLUMNS.idNumber || h === COLUMNS.address || h === COLUMNS.unit ? 28 : 14 }));
    const write = async () => {
      const today = new Date();
      for await (const batch of repo.listAll(this.db, area, where, q.sort)) {
        for (const r of batch) {
          const contacts = contactsOf(r.emergency_contacts);
          const phoneOf = (i: number) => (contacts[i] ? (full ? decryptField(this.keys, contacts[i].phoneEnc) : contacts[i].phoneMasked) : '');
          ws.addRow([
            r.name,
            full ? decryptField(this.keys, r.id_number_enc) : r.id_number_masked,
            (full ? (r.phone_enc ? decryptField(this.keys, r.phone_enc) : '') : r.phone_masked) ?? '',
            unitPath(r.org_unit_id),
            r.address,
            r.lat ?? '',
            r.lng ?? '',
            r.living_situation.map((c) => LIVING_SITUATION_ZH[c as keyof typeof LIVING_SITUATION_ZH] ?? c).join('、'),
            r.categories.map((c) => CATEGORY_ZH[c as keyof typeof CATEGORY_ZH] ?? c).join('、'),
            contacts[0]?.name ?? '', contacts[0]?.relation ?? '', phoneOf(0),
            contacts[1]?.name ?? '', contacts[1]?.relation ?? '', phoneOf(1),
            SEX_ZH[r.sex],
            r.birth_date,
            ageOn(r.birth_date, today),
            r.care_level ?? '',
            r.care_tier ? CARE_TIER_ZH[r.care_tier] : '',
            ELDER_STATUS_ZH[r.status],
          ]).commit();
        }
      }
      ws.commit();
      await wb.commit();
    };
    write().catch((err: unknown) => out.destroy(err as Error));
    return { stream: out, fileName: `elders-${new Date().toISOString().slice(0, 10)}${full ? '-full' : ''}.xlsx` };
  }
}

/**
 * Each unit as the import reads it back: its names from below the district down
 * ("湖滨街道/东坡社区/第一网格"), since "第一网格" alone exists in every community. A district has
 * about a thousand units, so they are read once per export.
 */
async function unitPaths(db: Kysely<Database>): Promise<(id: string) => string> {
  const units = new Map((await db.selectFrom('org_units').select(['id', 'name', 'parent_id', 'level']).execute()).map((u) => [u.id, u]));
  const memo = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const u = units.get(id);
    const path = !u || u.level === 'district' ? '' : [u.parent_id ? pathOf(u.parent_id) : '', u.name].filter(Boolean).join('/');
    memo.set(id, path);
    return path;
  };
  return pathOf;
}
