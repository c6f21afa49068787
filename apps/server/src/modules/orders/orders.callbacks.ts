import { sql, type Kysely } from 'kysely';
import type { OrderSettings } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { conflict, notFound } from '../../platform/errors.js';
import { areaPath, pathInScope, pathUnder } from '../../platform/scope.js';
import * as repo from './orders.repository.js';

/** Callbacks (回访), satisfaction figures and the service-centre settings that drive them. */
export class CallbacksService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(ctx: RequestContext, state: 'open' | 'done' | undefined, orgUnitId?: string) {
    const area = await areaPath(this.db, ctx.actor, orgUnitId);
    let q = this.db
      .selectFrom('callback_tasks as c')
      .innerJoin('orders as o', 'o.id', 'c.order_id')
      .leftJoin('providers as p', 'p.id', 'o.provider_id')
      .select(['c.id', 'c.order_id', 'o.number', 'o.elder_name', 'p.name as provider_name', 'c.state', 'c.satisfaction', 'c.note', 'c.created_at'])
      .select(sql<string[]>`(select array_agg(oi.name order by oi.name) from order_items oi where oi.order_id = o.id)`.as('item_names'))
      .where(pathUnder(area, 'c.org_path'));
    if (state) q = q.where('c.state', '=', state);
    const rows = await q.orderBy('c.created_at', 'desc').limit(500).execute();
    return {
      items: rows.map((r) => ({ id: r.id, orderId: r.order_id, orderNumber: String(r.number), elderName: r.elder_name, providerName: r.provider_name, itemNames: r.item_names ?? [], state: r.state, satisfaction: r.satisfaction, note: r.note, createdAt: r.created_at.toISOString() })),
    };
  }

  async record(ctx: RequestContext, id: string, input: { satisfaction: number; note?: string | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const task = await trx.selectFrom('callback_tasks').select(['id', 'state', 'order_id']).where('id', '=', id).where(pathInScope(ctx.actor, 'org_path')).forUpdate().executeTakeFirst();
      if (!task) throw notFound('callback task');
      if (task.state === 'done') throw conflict('this callback has already been recorded', { state: task.state });
      await trx.updateTable('callback_tasks').set({ state: 'done', satisfaction: input.satisfaction, note: input.note ?? null, done_by: ctx.actor.userId, done_at: new Date() }).where('id', '=', id).execute();
      await recordAudit(trx, ctx, { action: 'callback.record', entityType: 'callback_task', entityId: id, details: { orderId: task.order_id, satisfaction: input.satisfaction } });
      return { ok: true as const };
    });
  }

  /**
   * Satisfaction per provider and per item in the caller's area: average review rating, and the
   * share of callbacks where the elder said 4 or 5 ("satisfied"), the figure the bureau reports.
   */
  async satisfaction(ctx: RequestContext, orgUnitId?: string) {
    const scope = pathUnder(await areaPath(this.db, ctx.actor, orgUnitId), 'o.org_path');
    const byProvider = await this.db
      .selectFrom('orders as o')
      .innerJoin('providers as p', 'p.id', 'o.provider_id')
      .leftJoin('callback_tasks as c', (j) => j.onRef('c.order_id', '=', 'o.id').on('c.state', '=', 'done'))
      .select(['p.id', 'p.name'])
      .select(sql<string>`count(o.rating)`.as('reviews'))
      .select(sql<string | null>`avg(o.rating)`.as('avg_rating'))
      .select(sql<string>`count(c.id)`.as('callbacks'))
      .select(sql<string | null>`avg(case when c.satisfaction >= 4 then 1.0 when c.id is not null then 0.0 end)`.as('satisfied'))
      .where(scope)
      .groupBy(['p.id', 'p.name'])
      .orderBy('p.name')
      .execute();
    const byItem = await this.db
      .selectFrom('orders as o')
      .innerJoin('order_items as oi', 'oi.order_id', 'o.id')
      .leftJoin('callback_tasks as c', (j) => j.onRef('c.order_id', '=', 'o.id').on('c.state', '=', 'done'))
      .select(['oi.item_id as id', 'oi.name'])
      .select(sql<string>`count(o.rating)`.as('reviews'))
      .select(sql<string | null>`avg(o.rating)`.as('avg_rating'))
      .select(sql<string>`count(c.id)`.as('callbacks'))
      .select(sql<string | null>`avg(case when c.satisfaction >= 4 then 1.0 when c.id is not null then 0.0 end)`.as('satisfied'))
      .where(scope)
      .where((eb) => eb.or([eb('o.rating', 'is not', null), eb('c.id', 'is not', null)]))
      .groupBy(['oi.item_id', 'oi.name'])
      .orderBy('oi.name')
      .execute();
    const shape = (r: { id: string; name: string; reviews: string; avg_rating: string | null; callbacks: string; satisfied: string | null }) => ({
      id: r.id,
      name: r.name,
      reviews: Number(r.reviews),
      avgRating: r.avg_rating === null ? null : Number(Number(r.avg_rating).toFixed(2)),
      callbacks: Number(r.callbacks),
      satisfiedShare: r.satisfied === null ? null : Number(Number(r.satisfied).toFixed(3)),
    });
    return { providers: byProvider.filter((r) => Number(r.reviews) + Number(r.callbacks) > 0).map(shape), items: byItem.map(shape) };
  }

  settings() {
    return repo.settings(this.db);
  }

  async updateSettings(ctx: RequestContext, input: Partial<OrderSettings>) {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('order_settings')
        .set({
          ...(input.acceptWithinMinutes !== undefined ? { accept_within_minutes: input.acceptWithinMinutes } : {}),
          ...(input.startGraceMinutes !== undefined ? { start_grace_minutes: input.startGraceMinutes } : {}),
          ...(input.autoRedispatch !== undefined ? { auto_redispatch: input.autoRedispatch } : {}),
          ...(input.geofenceRadiusM !== undefined ? { geofence_radius_m: input.geofenceRadiusM } : {}),
          ...(input.minDurationRatio !== undefined ? { min_duration_ratio: input.minDurationRatio.toFixed(2) } : {}),
          ...(input.callbackShare !== undefined ? { callback_share: input.callbackShare.toFixed(3) } : {}),
          updated_at: new Date(),
        })
        .execute();
      await recordAudit(trx, ctx, { action: 'order_settings.update', entityType: 'order_settings', details: { ...input } });
      return repo.settings(trx);
    });
  }
}
