import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Alarm, AlarmElder, AlarmKind, AlarmListQuery, AlarmOutcome, AlarmState } from '@yiyang/contracts';
import type { RequestContext } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import type { JobQueue } from '../../platform/jobs.js';
import { assertElderInScope, elderContactsForNotice, getElderEssentials } from '../elders/index.js';
import type { AcceptedDeviceEvent, DeviceForIngest } from '../devices/index.js';
import type { Notifications } from '../notifications/index.js';
import { handoverCandidates } from './alarms.handover.js';
import * as repo from './alarms.repository.js';
import { alarmFor, distanceMetres, type AlarmDecision } from './alarms.rules.js';
import { ARRIVAL_TARGET_SECONDS, CLAIM_TARGET_SECONDS, nextState, type AlarmAction } from './alarms.state.js';

type Trx = Transaction<Database>;

export const CLAIM_TIMER = 'alarms.claim_timer';
export const ARRIVAL_TIMER = 'alarms.arrival_timer';
const claimKey = (id: string) => `alarm:${id}:claim`;
const arrivalKey = (id: string) => `alarm:${id}:arrival`;

const KIND_LABEL: Record<AlarmKind, string> = {
  sos: '紧急呼叫',
  fall: '跌倒',
  smoke: '烟雾',
  gas: '燃气泄漏',
  geofence_exit: '走出安全区域',
  missed_heartbeat: '设备失联',
  low_battery: '设备电量低',
};

const SYSTEM = { actor: null, ip: null, requestId: null };

/** Actions the alarm's holder performs; anyone else must be handed the alarm first. */
const HOLDER_ONLY: ReadonlySet<AlarmAction> = new Set(['call', 'dispatch', 'escalate', 'handover', 'close', 'false_alarm']);

interface Step {
  patch?: Updateable<Database['alarms']>;
  entry: string;
  details?: Record<string, unknown>;
  /** Users addressed directly (the responder's phone), besides the consoles of the area. */
  userIds?: string[];
  topic?: string;
}

export class AlarmsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly notifications: Notifications,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** The device-event sink: runs inside the ingestion transaction. */
  readonly fromDeviceEvents = async (trx: Trx, device: DeviceForIngest, events: AcceptedDeviceEvent[]) => {
    const links: { eventId: string; alarmId: string }[] = [];
    for (const e of events) {
      const decision = alarmFor({ type: e.type, payload: e.payload }, { kind: device.kind, geofence: device.geofence });
      if (!decision) continue;
      const position = e.payload.lat !== undefined && e.payload.lng !== undefined ? { lat: e.payload.lat, lng: e.payload.lng } : device.home;
      const alarm = await this.raise(trx, device, decision, position, { eventId: e.eventId, type: e.type, occurredAt: e.occurredAt.toISOString() });
      links.push({ eventId: e.eventId, alarmId: alarm.id });
    }
    return links;
  };

  /** Opens an alarm or joins the live one; starts its claim timer and tells the family. */
  async raise(trx: Trx, device: DeviceForIngest, decision: AlarmDecision, position: { lat: number; lng: number } | null, source: Record<string, unknown>) {
    const row = await repo.openOrJoin(trx, {
      kind: decision.kind,
      priority: decision.priority,
      deviceId: device.deviceId,
      elderId: device.elderId,
      orgUnitId: device.orgUnitId,
      lat: position?.lat ?? null,
      lng: position?.lng ?? null,
    });
    if (row.opened) {
      await repo.addTimeline(trx, row.id, 'opened', null, { ...source, deviceId: device.deviceId, kind: decision.kind, priority: decision.priority });
      await this.jobs.enqueue(trx, CLAIM_TIMER, { alarmId: row.id }, { runAt: new Date(new Date(row.opened_at).getTime() + CLAIM_TARGET_SECONDS * 1000), singletonKey: claimKey(row.id) });
      if (device.elderId && decision.priority <= 2) await this.notifyFamily(trx, row.id, device.elderId, decision.kind);
    } else {
      await repo.addTimeline(trx, row.id, 'repeated', null, source);
    }
    await this.bus.publish(trx, {
      topic: row.opened ? 'alarms.opened' : 'alarms.updated',
      orgPath: device.orgPath,
      data: { alarmId: row.id, kind: decision.kind, priority: decision.priority, state: row.state, deviceId: device.deviceId },
    });
    return row;
  }

  private async notifyFamily(trx: Trx, alarmId: string, elderId: string, kind: AlarmKind) {
    const { elderName, contacts } = await elderContactsForNotice(trx, elderId);
    await this.notifications.enqueue(
      trx,
      contacts.map((c) => ({
        channel: 'sms' as const,
        recipient: `${c.name}（${c.relation}）${c.phoneMasked}`,
        recipientEnc: c.phoneEnc,
        subject: '颐养 紧急报警',
        body: `${elderName ?? '您的家人'}的${KIND_LABEL[kind]}报警已由服务中心接警，正在处置，请保持电话畅通。`,
        alarmId,
      })),
    );
  }

  async list(ctx: RequestContext, query: AlarmListQuery) {
    // An elder outside the caller's view is 404, not an empty list: the answer must not reveal it exists.
    if (query.elderId) await assertElderInScope(this.db, ctx.actor, query.elderId);
    return { items: await repo.listQueue(this.db, ctx.actor, query.view, query.limit, query.elderId) };
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.findInScope(this.db, ctx.actor, id);
    if (!row) throw notFound('alarm');
    const alarm = repo.toAlarm(row);
    const [timeline, elder, proposedResponders] = await Promise.all([
      repo.timeline(this.db, id),
      row.elder_id ? this.elderOf(ctx, row.elder_id) : Promise.resolve(null),
      alarm.state !== 'closed' && alarm.position && ctx.actor.permissions.has('alarms.handle')
        ? repo.nearestAvailable(this.db, alarm.position, { withinPath: ctx.actor.orgPath, limit: 3 })
        : Promise.resolve([]),
    ]);
    return { ...alarm, timeline, elder, proposedResponders };
  }

  /** The elder's essentials as the registry shows them to this caller; none if it may not see the record. */
  private async elderOf(ctx: RequestContext, elderId: string): Promise<AlarmElder | null> {
    try {
      const e = await getElderEssentials(this.db, ctx.actor, elderId);
      return {
        id: e.id, name: e.name, sex: e.sex, age: e.age, address: e.address, phone: e.phone, location: e.location, orgUnitName: e.orgUnitName,
        livingSituation: e.livingSituation, careLevel: e.careLevel, conditions: e.conditions, medications: e.medications, allergies: e.allergies,
        emergencyContacts: e.emergencyContacts,
      };
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    }
  }

  stats(ctx: RequestContext) {
    return repo.todayStats(this.db, ctx.actor, ARRIVAL_TARGET_SECONDS);
  }

  claim(ctx: RequestContext, id: string) {
    return this.act(ctx, id, 'claim', async (trx, a) => {
      await this.jobs.cancel(trx, claimKey(a.id));
      return { patch: { claimed_by: ctx.actor.userId, claimed_at: new Date() }, entry: 'claimed' };
    });
  }

  call(ctx: RequestContext, id: string, input: { party: string; outcome: string; note?: string | undefined }) {
    return this.act(ctx, id, 'call', async () => ({ entry: 'call', details: { ...input } }));
  }

  dispatch(ctx: RequestContext, id: string, input: { responderId?: string | undefined }) {
    return this.act(ctx, id, 'dispatch', async (trx, a) => {
      const alarm = repo.toAlarm(a);
      let responder;
      if (input.responderId) {
        responder = await repo.findResponder(trx, ctx.actor, input.responderId);
        if (!responder) throw notFound('responder');
        if (!responder.onDuty) throw conflict(`${responder.name} is off duty`, { state: a.state });
        if (responder.busy && responder.id !== a.responder_id) throw conflict(`${responder.name} is on another alarm`, { state: a.state });
        if (responder.position && alarm.position) responder = { ...responder, distanceM: Math.round(distanceMetres(responder.position, alarm.position)) };
      } else {
        if (!alarm.position) throw badRequest('the alarm has no known position; choose a responder by name');
        [responder] = await repo.nearestAvailable(trx, alarm.position, { withinPath: ctx.actor.orgPath, exclude: a.responder_id ? [a.responder_id] : [], limit: 1 });
        if (!responder) throw conflict('no responder on duty is free in your area; escalate to 120 or choose one by name', { state: a.state });
      }
      const runAt = new Date(Math.max(Date.now(), new Date(a.opened_at).getTime() + ARRIVAL_TARGET_SECONDS * 1000));
      await this.jobs.enqueue(trx, ARRIVAL_TIMER, { alarmId: a.id }, { runAt, singletonKey: arrivalKey(a.id) });
      const userIds = await repo.userIdsOfResponder(trx, responder.id);
      return {
        patch: { responder_id: responder.id, dispatched_at: new Date(), en_route_at: null },
        entry: 'dispatched',
        details: { responderId: responder.id, responderName: responder.name, distanceM: responder.distanceM ?? null, reassigned: a.responder_id !== null },
        userIds,
      };
    });
  }

  enRoute(ctx: RequestContext, id: string, input: { position?: { lat: number; lng: number } | undefined }) {
    return this.act(ctx, id, 'en_route', async (trx, a) => {
      await this.moveResponder(trx, a.responder_id, input.position);
      return { patch: { en_route_at: new Date() }, entry: 'en_route', details: { position: input.position ?? null } };
    });
  }

  arrive(ctx: RequestContext, id: string, input: { position?: { lat: number; lng: number } | undefined }) {
    return this.act(ctx, id, 'arrive', async (trx, a) => {
      await this.moveResponder(trx, a.responder_id, input.position);
      await this.jobs.cancel(trx, arrivalKey(a.id));
      const seconds = Math.round((Date.now() - new Date(a.opened_at).getTime()) / 1000);
      return { patch: { arrived_at: new Date() }, entry: 'arrived', details: { position: input.position ?? null, secondsSinceOpened: seconds, withinTarget: seconds <= ARRIVAL_TARGET_SECONDS } };
    });
  }

  escalate(ctx: RequestContext, id: string, input: { service: '120' | '110' | '119'; reference: string; note?: string | undefined }) {
    return this.act(ctx, id, 'escalate', async () => ({ entry: 'escalated', details: { ...input } }));
  }

  /** The colleagues the alarm can be handed to (see handoverCandidates), not the caller nor the holder. */
  async handoverCandidates(ctx: RequestContext, id: string) {
    const a = await repo.findInScope(this.db, ctx.actor, id);
    if (!a) throw notFound('alarm');
    return { items: await handoverCandidates(this.db, a.org_unit_id, { exclude: [ctx.actor.userId, a.claimed_by] }) };
  }

  handover(ctx: RequestContext, id: string, input: { toUserId: string; note?: string | undefined }) {
    return this.act(ctx, id, 'handover', async (trx, a) => {
      if (input.toUserId === ctx.actor.userId) throw badRequest('you already hold this alarm');
      // Anyone the dialog would not offer is refused the same way as a user that does not exist.
      const [to] = await handoverCandidates(trx, a.org_unit_id, { userId: input.toUserId });
      if (!to) throw notFound('operator');
      return { patch: { claimed_by: to.id }, entry: 'handed_over', details: { toUserId: to.id, toName: to.displayName, note: input.note ?? null }, userIds: [to.id] };
    });
  }

  falseAlarm(ctx: RequestContext, id: string, input: { note?: string | undefined }) {
    return this.act(ctx, id, 'false_alarm', async (trx, a) => {
      await this.stopTimers(trx, a.id);
      return {
        patch: { closed_at: new Date(), outcome: 'false_alarm', ...(a.claimed_by ? {} : { claimed_by: ctx.actor.userId, claimed_at: new Date() }) },
        entry: 'false_alarm',
        details: { note: input.note ?? null },
      };
    });
  }

  close(ctx: RequestContext, id: string, input: { outcome: AlarmOutcome; note?: string | undefined }) {
    return this.act(ctx, id, 'close', async (trx, a) => {
      await this.stopTimers(trx, a.id);
      return { patch: { closed_at: new Date(), outcome: input.outcome }, entry: 'closed', details: { ...input } };
    });
  }

  /** Claim timer: nobody took the alarm within the target; a supervisor hears of it. */
  async claimTimerFired(alarmId: string) {
    await this.db.transaction().execute(async (trx) => {
      const a = await repo.findById(trx, alarmId);
      if (!a || a.state !== 'open' || a.claim_breached_at) return;
      await trx.updateTable('alarms').set({ claim_breached_at: new Date() }).where('id', '=', a.id).execute();
      await repo.addTimeline(trx, a.id, 'claim_target_breached', null, { targetSeconds: CLAIM_TARGET_SECONDS, escalatedTo: 'supervisor' });
      this.log.warn({ alarmId: a.id, kind: a.kind }, 'alarm not claimed within its target');
      await recordAudit(trx, SYSTEM, { action: 'alarm.claim_target_breached', entityType: 'alarm', entityId: a.id, orgUnitId: a.org_unit_id });
      await this.bus.publish(trx, { topic: 'alarms.breach', orgPath: supervisorPath(a.org_path), data: { alarmId: a.id, timer: 'claim', state: a.state } });
    });
  }

  /** Arrival timer: the responder is not there 15 minutes after the alarm; propose the next one. */
  async arrivalTimerFired(alarmId: string) {
    await this.db.transaction().execute(async (trx) => {
      const a = await repo.findById(trx, alarmId);
      if (!a || a.state !== 'dispatched' || a.arrival_breached_at) return;
      const alarm = repo.toAlarm(a);
      const [next] = alarm.position
        ? await repo.nearestAvailable(trx, alarm.position, { withinPath: supervisorPath(a.org_path), exclude: a.responder_id ? [a.responder_id] : [], limit: 1 })
        : [];
      await trx.updateTable('alarms').set({ arrival_breached_at: new Date() }).where('id', '=', a.id).execute();
      const details = { targetSeconds: ARRIVAL_TARGET_SECONDS, escalatedTo: 'supervisor', proposedResponderId: next?.id ?? null, proposedResponderName: next?.name ?? null, distanceM: next?.distanceM ?? null };
      await repo.addTimeline(trx, a.id, 'arrival_target_breached', null, details);
      this.log.warn({ alarmId: a.id, responderId: a.responder_id }, 'responder not on site within 15 minutes');
      await recordAudit(trx, SYSTEM, { action: 'alarm.arrival_target_breached', entityType: 'alarm', entityId: a.id, orgUnitId: a.org_unit_id, details });
      await this.bus.publish(trx, { topic: 'alarms.breach', orgPath: supervisorPath(a.org_path), data: { alarmId: a.id, timer: 'arrival', state: a.state, proposedResponderId: next?.id ?? null } });
    });
  }

  private async stopTimers(trx: Trx, id: string) {
    await this.jobs.cancel(trx, claimKey(id));
    await this.jobs.cancel(trx, arrivalKey(id));
  }

  private async moveResponder(trx: Trx, responderId: string | null, position: { lat: number; lng: number } | undefined) {
    if (!responderId || !position) return;
    await trx.updateTable('responders').set({ lat: position.lat, lng: position.lng, position_at: new Date() }).where('id', '=', responderId).execute();
  }

  /**
   * Every action: find the alarm in scope, check the transition, apply it with a conditional
   * UPDATE (only if the state is still what was read: two operators cannot both claim), then
   * record the timeline and audit and publish, all in one transaction.
   */
  private async act(ctx: RequestContext, id: string, action: AlarmAction, step: (trx: Trx, alarm: repo.AlarmRow) => Promise<Step>): Promise<Alarm> {
    return this.db.transaction().execute(async (trx) => {
      const a = await repo.findInScope(trx, ctx.actor, id);
      if (!a) throw notFound('alarm');
      const to = nextState(a.state, action);
      if (!to) throw conflict(`cannot ${action.replace('_', ' ')} an alarm that is ${a.state}`, { state: a.state });
      this.assertMayAct(ctx, action, a);
      const s = await step(trx, a);
      if (!(await repo.updateIfState(trx, a.id, a.state, { ...s.patch, state: to }))) {
        const now = await repo.findById(trx, a.id);
        throw conflict(`the alarm changed meanwhile: it is ${now?.state ?? 'gone'}`, { state: now?.state, claimedBy: now?.claimed_by_name ?? null });
      }
      await repo.addTimeline(trx, a.id, s.entry, ctx.actor, s.details ?? {});
      await recordAudit(trx, ctx, { action: `alarm.${action}`, entityType: 'alarm', entityId: a.id, orgUnitId: a.org_unit_id, details: { from: a.state, to, ...(s.details ?? {}) } });
      const data = { alarmId: a.id, state: to as AlarmState, action };
      await this.bus.publish(trx, { topic: 'alarms.updated', orgPath: a.org_path, data });
      if (s.userIds?.length) await this.bus.publish(trx, { topic: action === 'dispatch' ? 'alarms.assigned' : 'alarms.updated', userIds: s.userIds, data });
      // The responder's phone follows every change of an alarm assigned to it.
      if (a.responder_id && action !== 'dispatch') {
        const ids = await repo.userIdsOfResponder(trx, a.responder_id);
        if (ids.length) await this.bus.publish(trx, { topic: 'alarms.updated', userIds: ids, data });
      }
      return repo.toAlarm((await repo.findById(trx, a.id))!);
    });
  }

  private assertMayAct(ctx: RequestContext, action: AlarmAction, a: repo.AlarmRow) {
    const { actor } = ctx;
    if (action === 'en_route' || action === 'arrive') {
      const isResponder = !!actor.responderId && actor.responderId === a.responder_id && actor.permissions.has('alarms.respond');
      if (!isResponder && !actor.permissions.has('alarms.handle')) throw notFound('alarm');
      if (!isResponder && a.claimed_by !== actor.userId) throw conflict(`held by ${a.claimed_by_name ?? 'another operator'}; ask for a hand-over`, { state: a.state, claimedBy: a.claimed_by_name });
      return;
    }
    if (!actor.permissions.has('alarms.handle')) throw notFound('alarm');
    const unclaimedFalseAlarm = action === 'false_alarm' && a.state === 'open';
    if (HOLDER_ONLY.has(action) && !unclaimedFalseAlarm && a.claimed_by !== actor.userId) {
      throw conflict(`held by ${a.claimed_by_name ?? 'another operator'}; ask for a hand-over`, { state: a.state, claimedBy: a.claimed_by_name });
    }
  }
}

/** Breaches go to the street above the alarm's community (and the district above that). */
function supervisorPath(orgPath: string): string {
  return orgPath.split('.').slice(0, 2).join('.');
}
