import { sql, type Kysely, type Transaction } from 'kysely';
import type { CarePlan, CreateCarePlan, PlanVisit } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { pathInScope } from '../../platform/scope.js';
import { findElderForService } from '../elders/index.js';
import { SYSTEM, type OrdersService } from '../orders/index.js';
import { addDays, localDayBounds, localToday, occurrences, parseRule, type Occurrence } from './plans.schedule.js';
import type { CarePlansTable } from './plans.tables.js';

/** The cancel reason a holiday writes on a plan visit; removing the holiday looks for it. */
const HOLIDAY_REASON = 'holiday';

/** How far ahead a plan's orders exist, so dispatch can plan the helpers' weeks. */
export const HORIZON_DAYS = 14;

type PlanRow = Omit<CarePlansTable, 'id' | 'notes' | 'state' | 'created_at'> & { id: string; notes: string; state: 'active' | 'stopped'; created_at: Date };

/** How many upcoming visits a plan shows. */
const NEXT_VISITS = 3;

function toPlan(r: PlanRow, nextVisits: PlanVisit[]): CarePlan {
  return {
    id: r.id,
    elderId: r.elder_id,
    itemIds: r.item_ids,
    rrule: r.rrule,
    startTime: r.start_time.slice(0, 5),
    durationMinutes: r.duration_minutes,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    payer: r.payer,
    notes: r.notes,
    state: r.state,
    stopReason: r.stop_reason,
    generatedUntil: r.generated_until,
    nextVisits,
  };
}

export class PlansService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly orders: OrdersService,
  ) {}

  private select(db: Kysely<Database> = this.db) {
    return db.selectFrom('care_plans').selectAll().select(sql<string>`org_path::text`.as('org_path'));
  }

  async list(ctx: RequestContext, elderId?: string) {
    let q = this.select().where(pathInScope(ctx.actor, 'org_path'));
    if (elderId) q = q.where('elder_id', '=', elderId);
    return { items: await this.withNextVisits((await q.orderBy('created_at', 'desc').execute()) as PlanRow[]) };
  }

  private async withNextVisits(rows: PlanRow[]): Promise<CarePlan[]> {
    if (rows.length === 0) return [];
    // Within the horizon a plan has at most a visit a day, so this reads a few dozen rows per plan.
    const visits = await this.db
      .selectFrom('orders')
      .select(['id', 'number', 'plan_id', 'window_start', 'window_end', 'state'])
      .where('plan_id', 'in', rows.map((r) => r.id))
      .where('window_end', '>', new Date())
      .where('state', 'in', ['requested', 'dispatched', 'accepted', 'en_route', 'in_service'])
      .orderBy('window_start')
      .execute();
    const byPlan = new Map<string, PlanVisit[]>();
    for (const v of visits) {
      const list = byPlan.get(v.plan_id!) ?? [];
      if (list.length < NEXT_VISITS) list.push({ orderId: v.id, number: v.number, start: v.window_start.toISOString(), end: v.window_end.toISOString(), state: v.state });
      byPlan.set(v.plan_id!, list);
    }
    return rows.map((r) => toPlan(r, byPlan.get(r.id) ?? []));
  }

  async create(ctx: RequestContext, input: CreateCarePlan) {
    try {
      parseRule(input.rrule);
    } catch (err) {
      throw badRequest(`not a usable recurrence rule: ${(err as Error).message}`, { field: 'rrule' });
    }
    if (input.endsOn && input.endsOn < input.startsOn) throw badRequest('endsOn is before startsOn', { field: 'endsOn' });
    const id = await this.db.transaction().execute(async (trx) => {
      const elder = await findElderForService(trx, ctx.actor, input.elderId);
      if (!elder) throw notFound('elder');
      if (elder.status !== 'active') throw conflict(`${elder.name} is no longer an active elder`, { elderStatus: elder.status });
      const itemIds = [...new Set(input.itemIds)];
      const known = await trx.selectFrom('service_items').select('id').where('id', 'in', itemIds).where('active', '=', true).execute();
      if (known.length !== itemIds.length) throw badRequest('unknown or withdrawn service item', { field: 'itemIds' });
      const row = await trx
        .insertInto('care_plans')
        .values({ elder_id: elder.id, org_unit_id: elder.org_unit_id, org_path: elder.org_path, item_ids: itemIds, rrule: input.rrule.replace(/^RRULE:/i, ''), start_time: input.startTime, duration_minutes: input.durationMinutes, starts_on: input.startsOn, ends_on: input.endsOn ?? null, payer: input.payer, notes: input.notes, created_by: ctx.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'care_plan.create', entityType: 'care_plan', entityId: row.id, orgUnitId: elder.org_unit_id, details: { ...input } });
      return row.id;
    });
    await this.generate(id);
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string) {
    const r = (await this.select().where('id', '=', id).where(pathInScope(ctx.actor, 'org_path')).executeTakeFirst()) as PlanRow | undefined;
    if (!r) throw notFound('care plan');
    return (await this.withNextVisits([r]))[0]!;
  }

  async stop(ctx: RequestContext, id: string, reason: string) {
    const plan = await this.get(ctx, id);
    if (plan.state === 'stopped') throw conflict('the plan is already stopped', { state: plan.state });
    await this.db.transaction().execute(async (trx) => {
      await this.stopIn(trx, id, reason);
      await recordAudit(trx, ctx, { action: 'care_plan.stop', entityType: 'care_plan', entityId: id, details: { reason } });
    });
    return this.get(ctx, id);
  }

  /** Stops the plan and cancels its orders nobody has been sent to yet. */
  /** Stops every active plan of an elder who is no longer served, calling off the visits nobody was sent to. */
  async stopForElder(elderId: string, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const active = await trx.selectFrom('care_plans').select('id').where('elder_id', '=', elderId).where('state', '=', 'active').forUpdate().execute();
      for (const p of active) await this.stopIn(trx, p.id, reason);
    });
  }

  private async stopIn(trx: Transaction<Database>, id: string, reason: string) {
    await trx.updateTable('care_plans').set({ state: 'stopped', stop_reason: reason }).where('id', '=', id).execute();
    const pending = await trx.selectFrom('orders').select('id').where('plan_id', '=', id).where('state', '=', 'requested').where('window_start', '>', new Date()).execute();
    for (const o of pending) {
      await this.orders.applyInById(trx, SYSTEM('care plan'), o.id, 'cancel', reason);
    }
  }

  /** Creates the plan's orders up to the horizon, skipping holidays; stops plans of inactive elders. */
  async generate(planId?: string) {
    let q = this.select().where('state', '=', 'active');
    if (planId) q = q.where('id', '=', planId);
    const plans = (await q.execute()) as PlanRow[];
    const today = localToday();
    const until = addDays(today, HORIZON_DAYS);
    const holidays = new Set((await this.db.selectFrom('holidays').select('day').where('day', '>=', today).execute()).map((h) => h.day));
    let created = 0;
    for (const plan of plans) {
      await this.db.transaction().execute(async (trx) => {
        const elder = await findElderForService(trx, null, plan.elder_id);
        if (!elder || elder.status !== 'active') {
          await this.stopIn(trx, plan.id, `elder is no longer active (${elder?.status ?? 'missing'})`);
          return;
        }
        const from = plan.generated_until && plan.generated_until >= today ? addDays(plan.generated_until, 1) : today;
        const due = occurrences({ rrule: plan.rrule, startsOn: plan.starts_on, endsOn: plan.ends_on, startTime: plan.start_time.slice(0, 5), durationMinutes: plan.duration_minutes }, from, until, holidays)
          .filter((o) => o.end.getTime() > Date.now());
        const existing = new Set(
          (await trx.selectFrom('orders').select('window_start').where('plan_id', '=', plan.id).where('window_start', '>=', new Date(`${from}T00:00:00+08:00`)).execute()).map((o) => o.window_start.getTime()),
        );
        for (const o of due) {
          if (existing.has(o.start.getTime())) continue;
          if (await this.insertVisit(trx, plan, o)) created++;
        }
        await trx.updateTable('care_plans').set({ generated_until: until }).where('id', '=', plan.id).execute();
      });
    }
    return created;
  }

  /** One visit of the plan as an order; null when a package visit is refused. */
  private async insertVisit(trx: Transaction<Database>, plan: PlanRow, o: Occurrence): Promise<string | null> {
    try {
      return await this.orders.insertOrder(trx, SYSTEM('care plan'), { elderId: plan.elder_id, itemIds: plan.item_ids, window: { start: o.start.toISOString(), end: o.end.toISOString() }, notes: plan.notes, source: 'care_plan', payer: plan.payer, planId: plan.id });
    } catch (err) {
      // A package visit beyond the month's quota (or without a package) is not created; the
      // refusal happens before any write, so the rest of the plan's visits still are.
      if (plan.payer === 'package' && err instanceof AppError && err.status < 500) return null;
      throw err;
    }
  }

  /**
   * The visits a holiday on `day` took away from the active plans, brought back once it is no
   * longer a holiday: each window still ahead whose latest order was cancelled for the holiday,
   * or that the generator skipped for it (the generator never goes back over days it has passed).
   * A window with a visit standing, or whose visit a person called off, is left as it is.
   */
  private async restoreDay(trx: Transaction<Database>, day: string): Promise<string[]> {
    if (day < localToday()) return [];
    const plans = (await this.select(trx)
      .where('state', '=', 'active')
      .where('starts_on', '<=', day)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
      .where('generated_until', '>=', day)
      .orderBy('created_at')
      .execute()) as PlanRow[];
    const restored: string[] = [];
    for (const plan of plans) {
      const due = occurrences({ rrule: plan.rrule, startsOn: plan.starts_on, endsOn: plan.ends_on, startTime: plan.start_time.slice(0, 5), durationMinutes: plan.duration_minutes }, day, day, new Set())
        .filter((o) => o.start.getTime() > Date.now());
      if (due.length === 0) continue;
      const elder = await findElderForService(trx, null, plan.elder_id);
      if (!elder || elder.status !== 'active') continue;
      for (const o of due) {
        const latest = await trx
          .selectFrom('orders')
          .select(['id', 'state'])
          .where('plan_id', '=', plan.id)
          .where('window_start', '=', o.start)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (latest) {
          if (latest.state !== 'cancelled') continue;
          const cancel = await trx.selectFrom('order_timeline').select('reason').where('order_id', '=', latest.id).where('action', '=', 'cancel').orderBy('at', 'desc').limit(1).executeTakeFirst();
          if (cancel?.reason !== HOLIDAY_REASON) continue;
        }
        const id = await this.insertVisit(trx, plan, o);
        if (id) restored.push(id);
      }
    }
    return restored;
  }

  // ── holidays ───────────────────────────────────────────────────────────────

  async holidays(from?: string) {
    const rows = await this.db.selectFrom('holidays').select(['day', 'name']).where('day', '>=', from ?? addDays(localToday(), -366)).orderBy('day').execute();
    return { items: rows };
  }

  /**
   * Marks a holiday. Plan visits generated for that day before it was marked are cancelled while
   * nobody has been sent yet; a visit already dispatched stays with its helper and the service
   * centre decides (the helper may be expected, and only a person can call it off).
   */
  async setHoliday(ctx: RequestContext, day: string, name: string) {
    const cancelledOrders = await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('holidays').values({ day, name, created_by: ctx.actor.userId }).onConflict((oc) => oc.column('day').doUpdateSet({ name })).execute();
      const [start, end] = localDayBounds(day);
      const pending = await trx
        .selectFrom('orders')
        .select('id')
        .where('plan_id', 'is not', null)
        .where('state', '=', 'requested')
        .where('window_start', '>=', start)
        .where('window_start', '<', end)
        .where('window_start', '>', new Date())
        .execute();
      for (const o of pending) await this.orders.applyInById(trx, ctx, o.id, 'cancel', HOLIDAY_REASON);
      await recordAudit(trx, ctx, { action: 'holiday.set', entityType: 'holiday', entityId: day, details: { name, cancelledOrders: pending.map((o) => o.id) } });
      return pending.length;
    });
    return { day, name, cancelledOrders };
  }

  /** Unmarks a holiday and, in the same transaction, brings back the plan visits it took away. */
  async removeHoliday(ctx: RequestContext, day: string) {
    const restoredOrders = await this.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('holidays').where('day', '=', day).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound('holiday');
      const restored = await this.restoreDay(trx, day);
      await recordAudit(trx, ctx, { action: 'holiday.remove', entityType: 'holiday', entityId: day, details: { restoredOrders: restored } });
      return restored.length;
    });
    return { day, restoredOrders };
  }
}
