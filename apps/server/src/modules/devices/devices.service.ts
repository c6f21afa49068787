import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely, Transaction } from 'kysely';
import { RegisterDevice, type Device } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { encryptField, lookupHash, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { assertOrgUnitInScope, inOrgScope } from '../../platform/scope.js';
import * as repo from './devices.repository.js';

export const generateDeviceSecret = () => randomBytes(24).toString('base64url');

export class DevicesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: FieldKeys,
  ) {}

  list(ctx: RequestContext, q: { page: number; pageSize: number; kind?: Device['kind'] | undefined; elderId?: string | undefined; silent?: 'true' | 'false' | undefined }) {
    return repo.listInScope(this.db, ctx.actor, { ...q, silent: q.silent === 'true' });
  }

  async get(ctx: RequestContext, id: string) {
    const device = await repo.findInScope(this.db, ctx.actor, id);
    if (!device) throw notFound('device');
    return device;
  }

  async register(ctx: RequestContext, input: RegisterDevice) {
    return this.db.transaction().execute(async (trx) => {
      const { device, secret } = await this.insert(trx, ctx, input);
      return { device, secret };
    });
  }

  async update(ctx: RequestContext, id: string, input: { status?: Device['status'] | undefined; label?: string | undefined; heartbeatIntervalSeconds?: number | undefined; geofence?: { lat: number; lng: number; radiusM: number } | null | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const device = await repo.findInScope(trx, ctx.actor, id);
      if (!device) throw notFound('device');
      await trx
        .updateTable('devices')
        .set({
          ...(input.status ? { status: input.status } : {}),
          ...(input.label !== undefined ? { label: input.label } : {}),
          ...(input.heartbeatIntervalSeconds ? { heartbeat_interval_seconds: input.heartbeatIntervalSeconds } : {}),
          ...(input.geofence !== undefined
            ? { geofence_lat: input.geofence?.lat ?? null, geofence_lng: input.geofence?.lng ?? null, geofence_radius_m: input.geofence?.radiusM ?? null }
            : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, { action: 'device.update', entityType: 'device', entityId: id, orgUnitId: device.orgUnitId, details: { ...input } });
      return (await repo.findInScope(trx, ctx.actor, id))!;
    });
  }

  deadLetters(ctx: RequestContext, limit: number) {
    return repo.listDeadLetters(this.db, ctx.actor, limit);
  }

  /**
   * Bulk registration from the installer's spreadsheet. All rows or none: a half-imported sheet
   * is harder to fix than a list of the rows to correct. Elders are named by ID-card number and
   * compounds by their code, the identifiers an installer actually has.
   */
  async importSheet(ctx: RequestContext, file: Buffer) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw badRequest('the file is not an .xlsx workbook');
    }
    const sheet = book.worksheets[0];
    if (!sheet || sheet.rowCount < 2) throw badRequest('the first sheet has no rows under its header');
    if (sheet.rowCount > 5001) throw badRequest('at most 5,000 devices per file');
    const header = (sheet.getRow(1).values as unknown[]).map((v) => HEADER_ALIASES[String(v ?? '').trim()] ?? String(v ?? '').trim());
    const col = (name: string) => header.indexOf(name);
    for (const required of ['deviceId', 'kind', 'boundTo']) if (col(required) < 0) throw badRequest(`missing column ${required}`, { columns: Object.keys(HEADER_ALIASES) });

    return this.db.transaction().execute(async (trx) => {
      const created: { row: number; deviceId: string; secret: string }[] = [];
      const errors: { row: number; message: string }[] = [];
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const cell = (name: string) => {
          const i = col(name);
          const v = i >= 0 ? row.getCell(i).text : '';
          return v.trim() === '' ? undefined : v.trim();
        };
        if (!cell('deviceId') && !cell('kind')) continue;
        try {
          let elderId: string | undefined;
          const idNumber = cell('elderIdNumber');
          if (idNumber) {
            const elder = await trx.selectFrom('elders').select('id').where('id_number_hash', '=', lookupHash(this.keys, 'id_number', idNumber)).where(inOrgScope(ctx.actor, 'org_unit_id')).executeTakeFirst();
            if (!elder) throw badRequest(`no elder with ID-card number ${idNumber.slice(0, 6)}… in your area`);
            elderId = elder.id;
          }
          let orgUnitId: string | undefined;
          const code = cell('compoundCode');
          if (code) {
            const unit = await trx.selectFrom('org_units').select('id').where('code', '=', code).where('level', '=', 'compound').executeTakeFirst();
            if (!unit) throw badRequest(`no compound with code ${code}`);
            orgUnitId = unit.id;
          }
          const input = RegisterDevice.safeParse({
            deviceId: cell('deviceId'),
            kind: cell('kind'),
            boundTo: cell('boundTo'),
            elderId,
            orgUnitId,
            householdAddress: cell('householdAddress'),
            label: cell('label'),
            heartbeatIntervalSeconds: cell('heartbeatIntervalSeconds') ? Number(cell('heartbeatIntervalSeconds')) : undefined,
          });
          if (!input.success) throw badRequest(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
          const { device, secret } = await this.insert(trx, ctx, input.data, true);
          created.push({ row: r, deviceId: device.deviceId, secret });
        } catch (err) {
          errors.push({ row: r, message: err instanceof Error ? err.message : String(err) });
        }
      }
      if (errors.length) throw badRequest(`${errors.length} row(s) need correcting; nothing was imported`, { errors });
      await recordAudit(trx, ctx, { action: 'device.import', entityType: 'device', orgUnitId: ctx.actor.orgUnitId, details: { count: created.length } });
      return { created, errors };
    });
  }

  private async insert(trx: Transaction<Database>, ctx: RequestContext, input: RegisterDevice, quietAudit = false) {
    let orgUnitId: string;
    if (input.boundTo === 'elder') {
      const elder = await trx.selectFrom('elders').select('org_unit_id').where('id', '=', input.elderId!).where(inOrgScope(ctx.actor, 'org_unit_id')).executeTakeFirst();
      if (!elder) throw notFound('elder');
      orgUnitId = elder.org_unit_id;
    } else {
      const unit = await assertOrgUnitInScope(trx, ctx.actor, input.orgUnitId!);
      if (unit.level !== 'compound') throw badRequest('a household or compound device is installed in a compound (residential estate)', { field: 'orgUnitId' });
      orgUnitId = input.orgUnitId!;
    }
    const taken = await trx.selectFrom('devices').select('id').where('device_id', '=', input.deviceId).executeTakeFirst();
    if (taken) throw conflict(`device ${input.deviceId} is already registered`);
    const secret = input.secret ?? generateDeviceSecret();
    const row = await trx
      .insertInto('devices')
      .values({
        device_id: input.deviceId,
        kind: input.kind,
        bound_to: input.boundTo,
        elder_id: input.boundTo === 'elder' ? input.elderId! : null,
        household_address: input.householdAddress ?? null,
        org_unit_id: orgUnitId,
        label: input.label ?? '',
        secret_enc: encryptField(this.keys, secret),
        heartbeat_interval_seconds: input.heartbeatIntervalSeconds ?? 3600,
        geofence_lat: input.geofence?.lat ?? null,
        geofence_lng: input.geofence?.lng ?? null,
        geofence_radius_m: input.geofence?.radiusM ?? null,
        // Counting silence from registration, not from the epoch.
        last_heartbeat_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!quietAudit) {
      await recordAudit(trx, ctx, { action: 'device.register', entityType: 'device', entityId: row.id, orgUnitId, details: { deviceId: input.deviceId, kind: input.kind, boundTo: input.boundTo } });
    }
    return { device: (await repo.findInScope(trx, ctx.actor, row.id))!, secret };
  }
}

/** Column headings accepted in the import sheet (Chinese as installers write them, or the field names). */
const HEADER_ALIASES: Record<string, string> = {
  设备编号: 'deviceId',
  设备类型: 'kind',
  绑定对象: 'boundTo',
  老人身份证号: 'elderIdNumber',
  小区编码: 'compoundCode',
  住户地址: 'householdAddress',
  备注: 'label',
  心跳间隔秒: 'heartbeatIntervalSeconds',
};
