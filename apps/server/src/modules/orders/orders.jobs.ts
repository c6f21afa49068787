import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs.js';
import { explain } from './orders.dispatch.js';
import * as repo from './orders.repository.js';
import { ACCEPT_TIMER, START_TIMER, SYSTEM, type OrdersService } from './orders.service.js';

/**
 * SLA timers. A breach is recorded and published as `orders.sla_breach` (the service centre's
 * console shows it for the elder's area); a missed accept deadline also sends the order to the
 * next-best helper when the centre has auto-redispatch on, or back to the dispatch queue.
 */
export function registerOrderTimers(db: Kysely<Database>, jobs: JobQueue, bus: EventBus, orders: OrdersService) {
  jobs.register(ACCEPT_TIMER, async (payload) => {
    const orderId = String(payload.orderId);
    await db.transaction().execute(async (trx) => {
      const order = await repo.findOrder(trx, null, orderId, { forUpdate: true });
      // Met in time (accepted, rejected, reassigned or cancelled): nothing to do.
      if (!order || order.state !== 'dispatched' || order.staff_id !== (payload.staffId ?? null)) return;
      const deadline = new Date(String(payload.deadline));
      const s = await repo.settings(trx);
      const breach = await trx.insertInto('order_sla_breaches').values({ order_id: order.id, kind: 'accept', deadline, staff_id: order.staff_id }).returning('id').executeTakeFirstOrThrow();
      await bus.publish(trx, { topic: 'orders.sla_breach', orgPath: order.org_path, data: { orderId: order.id, number: String(order.number), kind: 'accept', deadline: deadline.toISOString(), staffId: order.staff_id, elderName: order.elder_name } });
      if (!s.autoRedispatch) return;
      const request = {
        orderId: order.id,
        itemIds: (await trx.selectFrom('order_items').select('item_id').where('order_id', '=', order.id).execute()).map((i) => i.item_id),
        skills: order.skills,
        orgPath: order.org_path,
        lat: order.lat ?? 0,
        lng: order.lng ?? 0,
        windowStart: order.window_start,
        windowEnd: order.window_end,
        excludeStaffIds: (await trx.selectFrom('order_sla_breaches').select('staff_id').where('order_id', '=', order.id).execute()).map((b) => b.staff_id).filter((x): x is string => !!x),
      };
      const found = order.lat === null ? null : await repo.dispatchCandidates(trx, request);
      const next = found?.eligible[0];
      if (found && next) {
        await orders.applyIn(trx, SYSTEM('accept deadline'), order, 'dispatch', async () => ({
          patch: { provider_id: next.providerId, staff_id: next.staffId, dispatch_explanation: JSON.stringify(explain('redispatch', found.considered, found.excluded, found.eligible, next)) },
          reason: 'not accepted in time',
          details: { staffId: next.staffId, previousStaffId: order.staff_id, mode: 'redispatch' },
        }));
      } else {
        await orders.applyIn(trx, SYSTEM('accept deadline'), order, 'reject', async () => ({
          patch: { provider_id: null, staff_id: null },
          reason: 'not accepted in time and nobody else is free: back to the dispatch queue',
        }));
      }
      await trx.updateTable('order_sla_breaches').set({ redispatched: true }).where('id', '=', breach.id).execute();
    });
  });

  jobs.register(START_TIMER, async (payload) => {
    const orderId = String(payload.orderId);
    await db.transaction().execute(async (trx) => {
      const order = await repo.findOrder(trx, null, orderId, { forUpdate: true });
      if (!order || order.state !== 'accepted') return;
      const deadline = new Date(String(payload.deadline));
      await trx.insertInto('order_sla_breaches').values({ order_id: order.id, kind: 'start', deadline, staff_id: order.staff_id }).execute();
      await bus.publish(trx, { topic: 'orders.sla_breach', orgPath: order.org_path, data: { orderId: order.id, number: String(order.number), kind: 'start', deadline: deadline.toISOString(), staffId: order.staff_id, elderName: order.elder_name } });
    });
  });
}
