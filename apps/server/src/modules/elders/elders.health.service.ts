import type { Kysely, Selectable } from 'kysely';
import { MEASUREMENT_UNITS, type CreateHealthItem, type CreateMeasurement, type HealthItem, type HealthItemKind, type Measurement, type MeasurementQuery } from '@yiyang/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { ElderHealthItemsTable } from './elders.tables.js';
import * as repo from './elders.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toHealthItem(r: Selectable<ElderHealthItemsTable>): HealthItem {
  return {
    id: r.id, kind: r.kind, name: r.name, code: r.code, dose: r.dose, route: r.route, frequency: r.frequency, reaction: r.reaction,
    severity: r.severity, grade: r.grade, since: r.since, note: r.note, active: r.active, endedAt: iso(r.ended_at), createdAt: iso(r.created_at)!,
  };
}

/** Health record of an elder: standing items (conditions, allergies, medications, disabilities) and measurements over time. */
export class HealthService {
  constructor(private readonly db: Kysely<Database>) {}

  private async elderOrThrow(db: repo.Queryable, ctx: RequestContext, elderId: string) {
    const row = await repo.findVisible(db, ctx.actor, elderId);
    if (!row) throw notFound('elder');
    return row;
  }

  async listItems(ctx: RequestContext, elderId: string, includeEnded: boolean) {
    await this.elderOrThrow(this.db, ctx, elderId);
    let q = this.db.selectFrom('elder_health_items').selectAll().where('elder_id', '=', elderId);
    if (!includeEnded) q = q.where('active', '=', true);
    const rows = await q.orderBy('kind').orderBy('created_at').execute();
    return { items: rows.map(toHealthItem) };
  }

  async addItem(ctx: RequestContext, elderId: string, input: z.output<typeof CreateHealthItem>) {
    return this.db.transaction().execute(async (trx) => {
      const elder = await this.elderOrThrow(trx, ctx, elderId);
      const row = await trx
        .insertInto('elder_health_items')
        .values({
          elder_id: elderId, kind: input.kind, name: input.name, code: input.code ?? null, dose: input.dose ?? null, route: input.route ?? null,
          frequency: input.frequency ?? null, reaction: input.reaction ?? null, severity: input.severity ?? null, grade: input.grade ?? null,
          since: input.since ?? null, note: input.note ?? null, created_by: ctx.actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'elder.health_item.add', entityType: 'elder', entityId: elderId, orgUnitId: elder.org_unit_id, details: { itemId: row.id, kind: input.kind } });
      return toHealthItem(row);
    });
  }

  /** Ending keeps the entry (a stopped medication is still history); it no longer shows as current. */
  async endItem(ctx: RequestContext, elderId: string, itemId: string) {
    return this.db.transaction().execute(async (trx) => {
      const elder = await this.elderOrThrow(trx, ctx, elderId);
      const item = await trx.selectFrom('elder_health_items').selectAll().where('id', '=', itemId).where('elder_id', '=', elderId).executeTakeFirst();
      if (!item) throw notFound('health item');
      if (!item.active) throw conflict('this entry has already ended', { active: false });
      const row = await trx.updateTable('elder_health_items').set({ active: false, ended_at: new Date() }).where('id', '=', itemId).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'elder.health_item.end', entityType: 'elder', entityId: elderId, orgUnitId: elder.org_unit_id, details: { itemId, kind: item.kind } });
      return toHealthItem(row);
    });
  }

  async listMeasurements(ctx: RequestContext, elderId: string, q: z.output<typeof MeasurementQuery>) {
    await this.elderOrThrow(this.db, ctx, elderId);
    let query = this.db.selectFrom('elder_measurements').selectAll().where('elder_id', '=', elderId);
    if (q.kind) query = query.where('kind', '=', q.kind);
    if (q.from) query = query.where('measured_at', '>=', new Date(q.from));
    if (q.to) query = query.where('measured_at', '<', new Date(q.to));
    // The newest `limit` points, returned oldest first as a chart draws them.
    const rows = await query.orderBy('measured_at', 'desc').limit(q.limit).execute();
    return { items: rows.reverse().map(toMeasurement) };
  }

  async addMeasurement(ctx: RequestContext, elderId: string, input: z.output<typeof CreateMeasurement>) {
    if (new Date(input.measuredAt).getTime() > Date.now() + 5 * 60_000) {
      throw badRequest('measuredAt is in the future', { field: 'measuredAt' });
    }
    return this.db.transaction().execute(async (trx) => {
      const elder = await this.elderOrThrow(trx, ctx, elderId);
      const values = {
        elder_id: elderId,
        kind: input.kind,
        measured_at: new Date(input.measuredAt),
        recorded_by: ctx.actor.userId,
        note: input.note ?? null,
        ...(input.kind === 'blood_pressure'
          ? { systolic: input.systolic, diastolic: input.diastolic, value: null, context: null }
          : { value: input.value, systolic: null, diastolic: null, context: input.kind === 'glucose' ? input.context : null }),
      };
      const row = await trx.insertInto('elder_measurements').values(values).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'elder.measurement.add', entityType: 'elder', entityId: elderId, orgUnitId: elder.org_unit_id, details: { measurementId: row.id, kind: input.kind } });
      return toMeasurement(row);
    });
  }
}

export function toMeasurement(r: { id: string; kind: Measurement['kind']; measured_at: Date | string; value: string | number | null; systolic: number | null; diastolic: number | null; context: string | null; note: string | null; source: string }): Measurement {
  return {
    id: r.id,
    kind: r.kind,
    measuredAt: new Date(r.measured_at).toISOString(),
    value: r.value === null ? null : Number(r.value),
    systolic: r.systolic,
    diastolic: r.diastolic,
    context: r.context,
    unit: MEASUREMENT_UNITS[r.kind],
    note: r.note,
    source: r.source,
  };
}

/** An elder's current items of the given kinds (essentials for the alarm console and orders). */
export async function currentItems(db: repo.Queryable, elderId: string, kinds: HealthItemKind[]) {
  const rows = await db.selectFrom('elder_health_items').selectAll().where('elder_id', '=', elderId).where('active', '=', true).where('kind', 'in', kinds).orderBy('created_at').execute();
  return rows.map(toHealthItem);
}
