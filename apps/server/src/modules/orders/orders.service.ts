import type { Kysely, Transaction, Updateable } from 'kysely';
import type { CreateOrder, DispatchExplanation, OrderListQuery, ReviewBody } from '@yiyang/contracts';
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { assertOrgUnitInScope, inOrgSubtree } from '../../platform/scope.js';
import type { EventBus } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs.js';
import type { Notifications } from '../notifications/index.js';
import { listServiceItems } from '../catalog/index.js';
import { elderContactsForNotice, findElderForService } from '../elders/index.js';
import { explain } from './orders.dispatch.js';
import { assertPackageQuota } from './orders.packages.js';
import * as repo from './orders.repository.js';
import type { OrderRow } from './orders.repository.js';
import { loadChanges, transition, type OrderAction } from './orders.state.js';
import { drawnForCallback, hashConfirmCode, judgeDuration, judgePosition, newConfirmCode } from './orders.visit.js';

type Trx = Transaction<Database>;
/** What a transition may change besides the state itself. */
type OrderPatch = Updateable<Database['orders']>;
type Decision = { patch: OrderPatch; reason?: string | null; details?: Record<string, unknown> };
/** Who acts: a signed-in person, or the platform itself (timers, care plans). */
export type Acting = RequestContext | { actor: null; ip: null; requestId: null; system: string };
export const SYSTEM = (what: string): Acting => ({ actor: null, ip: null, requestId: null, system: what });

export const ACCEPT_TIMER = 'orders.accept_deadline';
export const START_TIMER = 'orders.start_deadline';
const MAX_CODE_FAILURES = 5;
const timerKey = (orderId: string, kind: 'accept' | 'start') => `order:${orderId}:${kind}`;

export class OrdersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly notifications: Notifications,
  ) {}

  // ── reading ────────────────────────────────────────────────────────────────

  async list(ctx: RequestContext, q: OrderListQuery) {
    const { rows, total, counts } = await repo.listOrders(this.db, ctx.actor, q, await this.inArea(ctx, q.orgUnitId));
    return { items: await repo.hydrate(this.db, rows), total, page: q.page, pageSize: q.pageSize, counts };
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.findOrder(this.db, ctx.actor, id);
    if (!row) throw notFound('order');
    return this.detail(this.db, row);
  }

  private async detail(db: Kysely<Database> | Trx, row: OrderRow) {
    const [order] = await repo.hydrate(db, [row]);
    return { ...order!, timeline: await repo.timeline(db, row.id), dispatchExplanation: repo.explanationOf(row) };
  }

  async photo(ctx: RequestContext, id: string) {
    const row = await repo.findOrder(this.db, ctx.actor, id);
    if (!row) throw notFound('order');
    const photo = await this.db.selectFrom('order_photos').select(['mime', 'data']).where('order_id', '=', id).executeTakeFirst();
    if (!photo) throw notFound('photo');
    return photo;
  }

  // ── creating ───────────────────────────────────────────────────────────────

  async create(ctx: RequestContext, input: CreateOrder) {
    const source = input.source ?? (ctx.actor.role === 'family' ? 'family' : ctx.actor.role === 'operator' ? 'phone' : 'community');
    if (ctx.actor.role === 'family' && source !== 'family' && source !== 'elder') throw badRequest('a family account orders as the elder or the family', { field: 'source' });
    if (Date.parse(input.window.end) <= Date.now()) throw badRequest('the window has already passed', { field: 'window' });
    const order = await this.db.transaction().execute(async (trx) => {
      const id = await this.insertOrder(trx, ctx, { ...input, source, planId: null });
      return (await repo.findOrder(trx, null, id))!;
    });
    return this.detail(this.db, order);
  }

  /** Used by care plans (and the phone desk): creates the order inside the caller's transaction. */
  async insertOrder(trx: Trx, acting: Acting, input: { elderId: string; itemIds: string[]; window: { start: string; end: string }; notes: string; source: OrderRow['source']; payer: OrderRow['payer']; planId: string | null }) {
    const elder = await findElderForService(trx, acting.actor, input.elderId);
    if (!elder) throw notFound('elder');
    if (elder.status !== 'active') throw conflict(`${elder.name} is no longer an active elder (${elder.status}); no new orders`, { elderStatus: elder.status });
    const itemIds = [...new Set(input.itemIds)];
    const items = await listServiceItems(trx, { ids: itemIds });
    if (items.length !== itemIds.length) throw badRequest('unknown or withdrawn service item', { field: 'itemIds' });
    if (input.payer === 'package') await assertPackageQuota(trx, elder, items, new Date(input.window.start));
    const row = await trx
      .insertInto('orders')
      .values({
        elder_id: elder.id,
        elder_name: elder.name,
        org_unit_id: elder.org_unit_id,
        org_path: elder.org_path,
        address: elder.address,
        lat: elder.lat,
        lng: elder.lng,
        state: 'requested',
        source: input.source,
        payer: input.payer,
        window_start: new Date(input.window.start),
        window_end: new Date(input.window.end),
        notes: input.notes,
        total_fen: items.reduce((s, i) => s + i.priceFen, 0),
        expected_minutes: items.reduce((s, i) => s + i.expectedMinutes, 0),
        skills: [...new Set(items.flatMap((i) => i.skills))],
        plan_id: input.planId,
        created_by: acting.actor?.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('order_items').values(items.map((i) => ({ order_id: row.id, item_id: i.id, name: i.name, price_fen: i.priceFen }))).execute();
    await this.timelineEntry(trx, acting, row.id, 'create', null, 'requested', null, { items: items.map((i) => i.name), source: input.source });
    await recordAudit(trx, this.auditCtx(acting), { action: 'order.create', entityType: 'order', entityId: row.id, orgUnitId: elder.org_unit_id, details: { elderId: elder.id, itemIds, source: input.source } });
    await this.bus.publish(trx, { topic: 'orders.created', orgPath: elder.org_path, data: { orderId: row.id, elderId: elder.id } });
    return row.id;
  }

  // ── dispatch ───────────────────────────────────────────────────────────────

  async candidates(ctx: RequestContext, id: string) {
    const order = await repo.findOrder(this.db, ctx.actor, id);
    if (!order) throw notFound('order');
    const found = await repo.dispatchCandidates(this.db, await this.dispatchRequest(this.db, order, ctx.actor));
    return { explanation: explain('auto', found, found.ranked, null) };
  }

  async dispatch(ctx: RequestContext, id: string, staffId: string | undefined) {
    return this.act(ctx, id, 'dispatch', async (trx, order) => {
      const request = await this.dispatchRequest(trx, order, ctx.actor, staffId);
      const found = await repo.dispatchCandidates(trx, request);
      if (staffId) {
        const chosen = found.ranked[0];
        // A manual choice may override the soft rules (the operator knows the helper is free), but
        // never the provider's coverage and offer: those decide who is paid for the visit.
        if (!chosen) throw conflict('this staff member’s provider does not cover the elder’s area or does not offer these items', { state: order.state });
        return { patch: { provider_id: chosen.providerId, staff_id: chosen.staffId, dispatch_explanation: JSON.stringify(explain('manual', found, found.ranked, chosen)) }, details: { staffId: chosen.staffId, mode: 'manual' } };
      }
      const chosen = found.eligible[0];
      if (!chosen) throw new AppError(409, 'NO_CANDIDATE', 'no staff member can take this order now', { state: order.state, explanation: explain('auto', found, found.ranked, null) });
      return { patch: { provider_id: chosen.providerId, staff_id: chosen.staffId, dispatch_explanation: JSON.stringify(explain('auto', found, found.eligible, chosen)) }, details: { staffId: chosen.staffId, mode: 'auto' } };
    });
  }

  private async dispatchRequest(db: Kysely<Database> | Trx, order: OrderRow, actor: Actor | null, onlyStaffId?: string): Promise<repo.DispatchRequest> {
    if (order.lat === null || order.lng === null) throw conflict('the elder’s home has no location; fix the registry record before dispatching', { state: order.state });
    const items = await db.selectFrom('order_items').select('item_id').where('order_id', '=', order.id).execute();
    if (onlyStaffId) {
      const staff = await db.selectFrom('staff').select(['id', 'provider_id']).where('id', '=', onlyStaffId).where('active', '=', true).executeTakeFirst();
      // A provider account may only send its own people; nobody learns about other providers' staff.
      if (!staff || (actor?.providerId && staff.provider_id !== actor.providerId)) throw notFound('staff');
    }
    const breached = await db.selectFrom('order_sla_breaches').select('staff_id').where('order_id', '=', order.id).where('kind', '=', 'accept').execute();
    return {
      orderId: order.id,
      itemIds: items.map((i) => i.item_id),
      skills: order.skills,
      orgPath: order.org_path,
      lat: order.lat,
      lng: order.lng,
      windowStart: order.window_start,
      windowEnd: order.window_end,
      excludeStaffIds: onlyStaffId ? [] : breached.map((b) => b.staff_id).filter((x): x is string => !!x),
      ...(actor?.providerId ? { onlyProviderId: actor.providerId } : {}),
      ...(onlyStaffId ? { onlyStaffId } : {}),
    };
  }

  // ── the provider side ──────────────────────────────────────────────────────

  accept(ctx: RequestContext, id: string) {
    return this.act(ctx, id, 'accept', async (_trx, order) => {
      this.assertProviderSide(ctx.actor, order);
      return { patch: {} };
    });
  }

  reject(ctx: RequestContext, id: string, reason: string) {
    return this.act(ctx, id, 'reject', async (_trx, order) => {
      this.assertProviderSide(ctx.actor, order);
      return { patch: { provider_id: null, staff_id: null, reject_count: order.reject_count + 1 }, reason, details: { staffId: order.staff_id } };
    });
  }

  start(ctx: RequestContext, id: string) {
    return this.act(ctx, id, 'start', async (_trx, order) => {
      this.assertAssigned(ctx.actor, order);
      return { patch: {} };
    });
  }

  checkIn(ctx: RequestContext, id: string, at: { lat: number; lng: number }) {
    return this.act(ctx, id, 'check_in', async (trx, order) => {
      this.assertAssigned(ctx.actor, order);
      const s = await repo.settings(trx);
      const judged = judgePosition(order, at, s.geofenceRadiusM);
      return {
        patch: { check_in_at: new Date(), check_in_lat: at.lat, check_in_lng: at.lng, check_in_distance_m: judged.distanceM, out_of_area: order.out_of_area || judged.outOfArea },
        details: { distanceM: judged.distanceM, outOfArea: judged.outOfArea, radiusM: s.geofenceRadiusM },
      };
    });
  }

  checkOut(ctx: RequestContext, id: string, input: { lat: number; lng: number; tasksDone: string[]; photo?: string | undefined }) {
    return this.act(ctx, id, 'check_out', async (trx, order) => {
      this.assertAssigned(ctx.actor, order);
      const s = await repo.settings(trx);
      const items = await trx.selectFrom('order_items as oi').innerJoin('service_items as i', 'i.id', 'oi.item_id').select('i.tasks').where('oi.order_id', '=', order.id).execute();
      const known = new Set(items.flatMap((i) => i.tasks));
      const unknown = input.tasksDone.filter((t) => !known.has(t));
      if (unknown.length) throw badRequest(`not a task of this order: ${unknown.join('、')}`, { field: 'tasksDone' });
      const judged = judgePosition(order, input, s.geofenceRadiusM);
      const now = new Date();
      const duration = judgeDuration(order.check_in_at ?? now, now, order.expected_minutes, s.minDurationRatio);
      if (input.photo) {
        const [, mime, b64] = /^data:(image\/(?:jpeg|png|webp));base64,(.+)$/.exec(input.photo)!;
        const data = Buffer.from(b64!, 'base64');
        if (data.length > 300 * 1024) throw badRequest('the photo is larger than 300 kB', { field: 'photo' });
        await trx.insertInto('order_photos').values({ order_id: order.id, mime: mime as 'image/jpeg', data }).onConflict((oc) => oc.column('order_id').doUpdateSet({ mime: mime as 'image/jpeg', data })).execute();
      }
      // The code the elder or family gives the helper (or types in themselves) to confirm the visit.
      const code = newConfirmCode();
      // By SMS to the elder and the emergency contacts; phones stay encrypted until the sender.
      const { elderPhone, contacts } = await elderContactsForNotice(trx, order.elder_id);
      const itemNames = (await trx.selectFrom('order_items').select('name').where('order_id', '=', order.id).execute()).map((i) => i.name).join('、');
      const body = `${order.elder_name}的${itemNames}服务已完成（${duration.minutes}分钟），确认码 ${code}，72小时内有效。`;
      await this.notifications.enqueue(
        trx,
        [...(elderPhone ? [elderPhone] : []), ...contacts].map((p) => ({
          channel: 'sms' as const,
          recipient: p.phoneMasked,
          recipientEnc: p.phoneEnc,
          subject: '【颐养】服务确认码',
          body,
          entity: { type: 'order', id: order.id },
        })),
      );
      if (drawnForCallback(order.id, s.callbackShare)) {
        await trx.insertInto('callback_tasks').values({ order_id: order.id, org_path: order.org_path }).onConflict((oc) => oc.column('order_id').doNothing()).execute();
      }
      return {
        patch: {
          check_out_at: now,
          check_out_lat: input.lat,
          check_out_lng: input.lng,
          check_out_distance_m: judged.distanceM,
          out_of_area: order.out_of_area || judged.outOfArea,
          duration_minutes: duration.minutes,
          too_short: duration.tooShort,
          tasks_done: input.tasksDone,
          confirm_code_hash: hashConfirmCode(order.id, code),
          confirm_code_expires_at: new Date(now.getTime() + 72 * 3600_000),
        },
        details: { distanceM: judged.distanceM, outOfArea: judged.outOfArea, durationMinutes: duration.minutes, tooShort: duration.tooShort, tasksDone: input.tasksDone, photo: !!input.photo },
      };
    });
  }

  noShow(ctx: RequestContext, id: string, reason: string) {
    return this.act(ctx, id, 'no_show', async (_trx, order) => {
      this.assertAssigned(ctx.actor, order);
      return { patch: {}, reason };
    });
  }

  // ── the elder's side ───────────────────────────────────────────────────────

  /**
   * Confirmation that the visit happened: the elder's family account itself; an operator after a
   * callback (with its note); or anyone holding the one-time code the family received.
   */
  async confirm(ctx: RequestContext, id: string, input: { code?: string | undefined; note?: string | undefined }) {
    if (input.code) await this.checkCode(ctx, id, input.code);
    return this.act(ctx, id, 'confirm', async (_trx, order) => {
      const a = ctx.actor;
      if (input.code) {
        if (!a.permissions.has('orders.confirm') && !a.permissions.has('orders.work')) throw forbidden();
        const valid = order.confirm_code_hash === hashConfirmCode(order.id, input.code) && (order.confirm_code_expires_at?.getTime() ?? 0) > Date.now();
        if (!valid) throw badRequest('the confirmation code is wrong or has expired', { field: 'code' });
        return { patch: { confirmed_by: 'code' as const, confirm_code_hash: null, confirm_note: input.note ?? null } };
      }
      if (!a.permissions.has('orders.confirm')) throw forbidden('a helper confirms with the code the family received');
      if (a.role === 'family') return { patch: { confirmed_by: 'family' as const, confirm_note: input.note ?? null, confirm_code_hash: null } };
      if (!input.note) throw badRequest('an operator confirms after a callback: say what the elder or family said', { field: 'note' });
      return { patch: { confirmed_by: 'operator_callback' as const, confirm_note: input.note, confirm_code_hash: null }, reason: input.note };
    });
  }

  /**
   * A wrong code counts against the order outside the confirming transaction (which the error
   * rolls back): six digits are guessable by whoever holds the phone, so after
   * MAX_CODE_FAILURES the code is void and only the family or a callback can confirm.
   */
  private async checkCode(ctx: RequestContext, id: string, code: string) {
    const order = await repo.findOrder(this.db, ctx.actor, id);
    if (!order) throw notFound('order');
    if (order.state !== 'completed') return; // the state table answers with its 409
    const valid = order.confirm_code_hash !== null && order.confirm_code_hash === hashConfirmCode(order.id, code) && (order.confirm_code_expires_at?.getTime() ?? 0) > Date.now();
    if (valid) return;
    await this.db.transaction().execute(async (trx) => {
      const failures = order.confirm_code_failures + 1;
      await trx
        .updateTable('orders')
        .set({ confirm_code_failures: failures, ...(failures >= MAX_CODE_FAILURES ? { confirm_code_hash: null } : {}) })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, { action: 'order.confirm_code_failed', entityType: 'order', entityId: id, orgUnitId: order.org_unit_id, details: { failures } });
    });
    throw badRequest(order.confirm_code_failures + 1 >= MAX_CODE_FAILURES ? 'too many wrong codes: the family or the service centre must confirm this visit' : 'the confirmation code is wrong or has expired', { field: 'code' });
  }

  review(ctx: RequestContext, id: string, input: z.infer<typeof ReviewBody>) {
    return this.act(ctx, id, 'review', async () => ({
      patch: { rating: input.rating, review_tags: input.tags, review_comment: input.comment ?? null },
      details: { rating: input.rating, tags: input.tags },
    }));
  }

  cancel(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.act(ctx, id, 'cancel', async () => {
      if (!ctx.actor.permissions.has('orders.create') && !ctx.actor.permissions.has('orders.dispatch')) throw forbidden();
      return { patch: {}, reason: reason ?? '申请人取消' };
    });
  }

  dispute(ctx: RequestContext, id: string, reason: string) {
    return this.act(ctx, id, 'dispute', async () => ({ patch: {}, reason }));
  }

  resolve(ctx: RequestContext, id: string, reason: string) {
    return this.act(ctx, id, 'resolve', async () => ({ patch: { confirmed_by: 'operator_callback' as const, confirm_note: reason }, reason }));
  }

  // ── the one way an order changes state ─────────────────────────────────────

  /**
   * Loads the order in scope and locked, asks the state table, lets `decide` add its checks and
   * changes, then writes the new state, the timeline entry, staff load, timers, audit and event
   * in one transaction. A refused transition answers 409 with the current state.
   */
  async act(
    acting: Acting,
    id: string,
    action: OrderAction,
    decide: (trx: Trx, order: OrderRow) => Promise<Decision>,
  ) {
    const row = await this.db.transaction().execute(async (trx) => {
      const order = await repo.findOrder(trx, acting.actor, id, { forUpdate: true });
      if (!order) throw notFound('order');
      await this.applyIn(trx, acting, order, action, decide);
      return (await repo.findOrder(trx, null, id))!;
    });
    return this.detail(this.db, row);
  }

  /** For other modules' background work (a stopped care plan cancels its future orders). */
  async applyInById(trx: Trx, acting: Acting, orderId: string, action: OrderAction, reason: string) {
    const order = await repo.findOrder(trx, null, orderId, { forUpdate: true });
    if (!order) throw notFound('order');
    await this.applyIn(trx, acting, order, action, async () => ({ patch: {}, reason }));
  }

  async applyIn(trx: Trx, acting: Acting, order: OrderRow, action: OrderAction, decide: (trx: Trx, order: OrderRow) => Promise<Decision>) {
    const t = transition(order.state, action);
    if (!t.ok) throw conflict(`cannot ${action.replace('_', ' ')} an order that is ${order.state.replace('_', ' ')}`, { state: order.state, allowedActions: t.allowedActions });
    const { patch, reason = null, details } = await decide(trx, order);
    const staffAfter = patch.staff_id !== undefined ? patch.staff_id : order.staff_id;
    const updated = await trx
      .updateTable('orders')
      .set({ ...patch, state: t.to, updated_at: new Date() })
      .where('id', '=', order.id)
      .where('state', '=', order.state)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('the order changed meanwhile; reload it', { state: order.state });
    await repo.adjustLoad(trx, loadChanges({ state: order.state, staffId: order.staff_id }, { state: t.to, staffId: staffAfter }));
    await this.timelineEntry(trx, acting, order.id, action, order.state, t.to, reason, details ?? null);
    await this.scheduleTimers(trx, order, t.to, staffAfter);
    await recordAudit(trx, this.auditCtx(acting), { action: `order.${action}`, entityType: 'order', entityId: order.id, orgUnitId: order.org_unit_id, details: { from: order.state, to: t.to, ...(reason ? { reason } : {}), ...(details ?? {}) } });
    const userIds = await this.followers(trx, order, staffAfter, patch.provider_id !== undefined ? patch.provider_id : order.provider_id);
    await this.bus.publish(trx, { topic: 'orders.state_changed', orgPath: order.org_path, ...(userIds.length ? { userIds } : {}), data: { orderId: order.id, elderId: order.elder_id, from: order.state, to: t.to, action } });
  }

  /**
   * Accounts whose live view of the order is narrower than their org unit (helpers, provider
   * accounts) hear a change only when addressed: the helper it leaves as well as the one it goes
   * to, and the provider accounts on either side. Family accounts hear it by `elderId`.
   */
  private async followers(trx: Trx, order: OrderRow, staffAfter: string | null, providerAfter: string | null) {
    const staffIds = [...new Set([order.staff_id, staffAfter].filter((s): s is string => !!s))];
    const providerIds = [...new Set([order.provider_id, providerAfter].filter((p): p is string => !!p))];
    const staffUsers = staffIds.length ? await trx.selectFrom('staff').select('user_id').where('id', 'in', staffIds).execute() : [];
    const providerUsers = providerIds.length ? await trx.selectFrom('users').select('id as user_id').where('provider_id', 'in', providerIds).execute() : [];
    return [...new Set([...staffUsers, ...providerUsers].map((u) => u.user_id).filter((u): u is string => !!u))];
  }

  /** Accept-by after dispatch, start-by at the window's start: durable jobs, cancelled when met. */
  private async scheduleTimers(trx: Trx, order: OrderRow, to: OrderRow['state'], staffId: string | null) {
    await this.jobs.cancel(trx, timerKey(order.id, 'accept'));
    if (to === 'dispatched') {
      const s = await repo.settings(trx);
      const deadline = new Date(Date.now() + s.acceptWithinMinutes * 60_000);
      await this.jobs.enqueue(trx, ACCEPT_TIMER, { orderId: order.id, staffId, deadline: deadline.toISOString() }, { runAt: deadline, singletonKey: timerKey(order.id, 'accept') });
    }
    if (to === 'accepted') {
      const s = await repo.settings(trx);
      const deadline = new Date(order.window_start.getTime() + s.startGraceMinutes * 60_000);
      await this.jobs.enqueue(trx, START_TIMER, { orderId: order.id, deadline: deadline.toISOString() }, { runAt: deadline, singletonKey: timerKey(order.id, 'start') });
    }
    if (to !== 'accepted' && to !== 'en_route') await this.jobs.cancel(trx, timerKey(order.id, 'start'));
  }

  private async timelineEntry(trx: Trx, acting: Acting, orderId: string, action: string, from: string | null, to: string, reason: string | null, details: Record<string, unknown> | null) {
    await trx
      .insertInto('order_timeline')
      .values({
        order_id: orderId,
        action,
        from_state: from,
        to_state: to,
        actor_user_id: acting.actor?.userId ?? null,
        actor_name: acting.actor?.displayName ?? `系统（${'system' in acting ? acting.system : 'platform'}）`,
        actor_role: acting.actor?.role ?? null,
        reason,
        details: details ? JSON.stringify(details) : null,
      })
      .execute();
  }

  private auditCtx(acting: Acting) {
    return acting.actor ? (acting as RequestContext) : { actor: null, ip: null, requestId: null };
  }

  /** Accept, reject: the assigned helper or its provider's account. */
  private assertProviderSide(actor: Actor, order: OrderRow) {
    if (actor.staffId && actor.staffId === order.staff_id) return;
    if (actor.role === 'provider' && actor.providerId === order.provider_id) return;
    if (actor.role === 'admin') return;
    throw forbidden('only the assigned staff member or its provider may do this');
  }

  /** Start, check in, check out, no-show: only the person at the door. */
  private assertAssigned(actor: Actor, order: OrderRow) {
    if (actor.staffId && actor.staffId === order.staff_id) return;
    throw forbidden('only the assigned staff member may do this');
  }

  /** Narrows an order list to a unit picked in the header: checked to lie in the caller's area (404 otherwise). */
  private async inArea(ctx: RequestContext, orgUnitId: string | undefined): Promise<(qb: repo.OrderQuery) => repo.OrderQuery> {
    if (!orgUnitId) return (qb) => qb;
    const area = await assertOrgUnitInScope(this.db, ctx.actor, orgUnitId);
    return (qb) => qb.where(inOrgSubtree(area.path, 'o.org_unit_id'));
  }

  /** Visits a supervisor should look at. */
  async supervision(ctx: RequestContext, kind: 'unconfirmed' | 'too_short' | 'out_of_area', orgUnitId?: string) {
    const q = { page: 1, pageSize: 200 } as OrderListQuery;
    const inArea = await this.inArea(ctx, orgUnitId);
    const { rows, total } = await repo.listOrders(this.db, ctx.actor, q, (base) => {
      const qb = inArea(base);
      switch (kind) {
        case 'unconfirmed':
          return qb.where('o.state', '=', 'completed');
        case 'too_short':
          return qb.where('o.too_short', '=', true).where('o.check_out_at', 'is not', null);
        case 'out_of_area':
          return qb.where('o.out_of_area', '=', true);
      }
    });
    return { items: await repo.hydrate(this.db, rows), total };
  }
}

export type { DispatchExplanation };
