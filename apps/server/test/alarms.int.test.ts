import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { sendSigned, sosEvent } from './devices-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function openAlarm(type = 'sos'): Promise<string> {
  const res = await sendSigned(t, sosEvent({ type }));
  expect(res.statusCode).toBe(200);
  return res.json().results[0].alarmId as string;
}
const post = (user: string, id: string, action: string, payload: unknown = {}) => t.as(user, { method: 'POST', url: `/api/v1/alarms/${id}/${action}`, payload: payload as object });
const detail = async (user: string, id: string): Promise<AnyJson> => (await t.as(user, { method: 'GET', url: `/api/v1/alarms/${id}` })).json();
async function closeAll() {
  await t.db.kysely.updateTable('alarms').set({ state: 'closed', closed_at: new Date(), outcome: 'other' }).where('state', '<>', 'closed').execute();
}

describe('an alarm from press to close', () => {
  it('claim → call → dispatch (nearest) → responder sees it → en route → arrive → close, all on the timeline', async () => {
    const id = await openAlarm();
    const open = await detail('operator', id);
    expect(open.elder).toMatchObject({ name: '张秀兰', age: expect.any(Number), livingSituation: ['living_alone'] });
    expect(open.elder.emergencyContacts.length).toBeGreaterThan(0);
    expect(open.proposedResponders[0].name).toBe('王建国');

    expect((await post('operator', id, 'claim')).json()).toMatchObject({ state: 'claimed', claimedBy: { name: '服务中心话务员' } });
    expect((await post('operator', id, 'call', { party: 'elder', outcome: 'answered_needs_help', note: '老人说摔倒了起不来' })).statusCode).toBe(200);
    const dispatched = (await post('operator', id, 'dispatch')).json();
    expect(dispatched).toMatchObject({ state: 'dispatched', responder: { name: '王建国' } });

    const me = (await t.as('responder', { method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me.responderId ?? me.user?.responderId).toBe(dispatched.responder.id);
    const mine = (await t.as('responder', { method: 'GET', url: '/api/v1/alarms' })).json().items;
    expect(mine.map((a: AnyJson) => a.id)).toEqual([id]);

    expect((await post('responder', id, 'en-route', { position: open.position })).statusCode).toBe(200);
    expect((await post('operator', id, 'escalate', { service: '120', reference: '杭120-20261123-0042' })).statusCode).toBe(200);
    const arrived = (await post('responder', id, 'arrive', {})).json();
    expect(arrived.state).toBe('arrived');
    expect(arrived.timeToArrivalSeconds).toBeGreaterThanOrEqual(0);
    const closed = (await post('operator', id, 'close', { outcome: 'hospital_transfer', note: '送医' })).json();
    expect(closed).toMatchObject({ state: 'closed', outcome: 'hospital_transfer' });
    expect(closed.timeToClaimSeconds).not.toBeNull();

    const timeline = (await detail('operator', id)).timeline.map((e: AnyJson) => e.entry);
    expect(timeline).toEqual(['opened', 'claimed', 'call', 'dispatched', 'en_route', 'escalated', 'arrived', 'closed']);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['alarm.claim', 'alarm.call', 'alarm.dispatch', 'alarm.en_route', 'alarm.escalate', 'alarm.arrive', 'alarm.close']);
    expect((await t.as('responder', { method: 'GET', url: '/api/v1/alarms' })).json().items).toEqual([]);
  });

  it('queues by priority, then age', async () => {
    await closeAll();
    const battery = await openAlarm('low_battery');
    const sos = await openAlarm('sos');
    const smoke = await openAlarm('smoke');
    const queue = (await t.as('operator', { method: 'GET', url: '/api/v1/alarms' })).json().items.map((a: AnyJson) => a.id);
    expect(queue).toEqual([sos, smoke, battery]);
  });
});

describe('claims and transitions', () => {
  it('two operators claiming at once: exactly one wins, the other gets 409 with the state', async () => {
    const id = await openAlarm('fall');
    const [a, b] = await Promise.all([post('operator', id, 'claim'), post('admin', id, 'claim')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.details.state).toBe('claimed');
    await closeAll();
  });

  it('refuses transitions the state does not allow (409 with the current state)', async () => {
    await closeAll();
    const id = await openAlarm();
    for (const [action, body] of [['close', { outcome: 'other' }], ['dispatch', {}], ['arrive', {}], ['call', { party: 'elder', outcome: 'no_answer' }], ['escalate', { service: '110', reference: 'x' }]] as const) {
      const res = await post('operator', id, action, body);
      expect(res.statusCode, action).toBe(409);
      expect(res.json().error.details.state).toBe('open');
    }
    await post('operator', id, 'claim');
    expect((await post('operator', id, 'claim')).statusCode).toBe(409);
    expect((await post('operator', id, 'arrive')).statusCode).toBe(409);
    await post('operator', id, 'close', { outcome: 'resolved_by_phone' });
    for (const action of ['claim', 'dispatch', 'false-alarm', 'handover', 'close']) {
      const res = await post('operator', id, action, action === 'close' ? { outcome: 'other' } : action === 'handover' ? { toUserId: '00000000-0000-4000-8000-000000000000' } : {});
      expect(res.statusCode, action).toBe(409);
      expect(res.json().error.details.state).toBe('closed');
    }
  });

  it('only the holder acts; a hand-over moves the alarm to a colleague', async () => {
    const id = await openAlarm('smoke');
    await post('operator', id, 'claim');
    const other = await post('admin', id, 'call', { party: 'elder', outcome: 'no_answer' });
    expect(other.statusCode).toBe(409);
    const adminId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const handed = await post('operator', id, 'handover', { toUserId: adminId, note: '交班' });
    expect(handed.json().claimedBy.name).toBe('区民政局管理员');
    expect((await post('admin', id, 'call', { party: 'contact', outcome: 'answered_ok' })).statusCode).toBe(200);
    const caregiverId = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'caregiver').executeTakeFirstOrThrow()).id;
    expect((await post('admin', id, 'handover', { toUserId: caregiverId })).statusCode).toBe(404);
    expect((await post('admin', id, 'false-alarm', { note: '误触' })).json()).toMatchObject({ state: 'closed', outcome: 'false_alarm' });
  });

  it('marks an unclaimed alarm as a false alarm directly', async () => {
    const id = await openAlarm('gas');
    const res = await post('operator', id, 'false-alarm');
    expect(res.json()).toMatchObject({ state: 'closed', outcome: 'false_alarm', claimedBy: { name: '服务中心话务员' } });
  });

  it('refuses bad bodies', async () => {
    const id = await openAlarm();
    await post('operator', id, 'claim');
    expect((await post('operator', id, 'close', { outcome: 'whatever' })).statusCode).toBe(400);
    expect((await post('operator', id, 'close', {})).statusCode).toBe(400);
    expect((await post('operator', id, 'escalate', { service: '999', reference: 'x' })).statusCode).toBe(400);
    expect((await post('operator', id, 'escalate', { service: '120', reference: 'x'.repeat(500) })).statusCode).toBe(400);
    expect((await post('operator', id, 'dispatch', { responderId: 'nope' })).statusCode).toBe(400);
    expect((await post('operator', id, 'dispatch', { responderId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await post('operator', 'not-a-uuid', 'claim')).statusCode).toBe(400);
    await post('operator', id, 'close', { outcome: 'other' });
  });
});

describe('hand-over to a colleague', () => {
  const PASSWORD = 'Alarm-Desk-2026!';
  const ids: Record<string, string> = {};
  const candidates = (user: string, id: string) => t.as(user, { method: 'GET', url: `/api/v1/alarms/${id}/handover-candidates` });
  const names = (res: { json(): AnyJson }) => (res.json().items as AnyJson[]).map((c) => c.username).sort();

  beforeAll(async () => {
    const hubin = await t.unitId('湖滨街道');
    const qingbo = await t.unitId('清波街道');
    for (const [username, unit] of [['op.hubin', hubin], ['op.hubin2', hubin], ['op.qingbo', qingbo], ['op.gone', hubin]] as const) {
      const res = await t.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username, displayName: username, role: 'operator', orgUnitId: unit, password: PASSWORD } });
      expect(res.statusCode).toBe(201);
      ids[username] = res.json().id;
    }
    await t.db.kysely.updateTable('users').set({ disabled: true }).where('username', '=', 'op.gone').execute();
    for (const u of ['operator', 'admin']) ids[u] = (await t.db.kysely.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  });
  const signIn = async (username: string) => {
    const res = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    return res.json().token as string;
  };
  const asOp = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  it('lists enabled alarm handlers who can see the alarm, never the caller, another street or other roles', async () => {
    await closeAll();
    const id = await openAlarm('fall');
    await post('operator', id, 'claim');
    await signIn('op.hubin');
    const res = await candidates('operator', id);
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['admin', 'op.hubin', 'op.hubin2']);
    const hubin = (res.json().items as AnyJson[]).find((c) => c.username === 'op.hubin')!;
    expect(hubin).toMatchObject({ id: ids['op.hubin'], role: 'operator', orgUnitName: '湖滨街道', liveAlarms: 0, lastActiveAt: expect.any(String) });
    expect((res.json().items as AnyJson[]).find((c) => c.username === 'op.hubin2')!.lastActiveAt).toBeNull();
    await closeAll();
  });

  it('refuses a hand-over to anyone the list leaves out, and moves the alarm to one it offers', async () => {
    await closeAll();
    const id = await openAlarm('fall');
    await post('operator', id, 'claim');
    // Another street cannot see the alarm; a disabled account and a non-handler role cannot take it.
    for (const to of [ids['op.qingbo'], ids['op.gone'], (await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'street').executeTakeFirstOrThrow()).id]) {
      const refused = await post('operator', id, 'handover', { toUserId: to });
      expect(refused.statusCode).toBe(404);
    }
    expect((await detail('operator', id)).claimedBy.id).toBe(ids['operator']);

    const handed = await post('operator', id, 'handover', { toUserId: ids['op.hubin'], note: '交班，老人已回电' });
    expect(handed.statusCode).toBe(200);
    expect(handed.json().claimedBy).toEqual({ id: ids['op.hubin'], name: 'op.hubin' });
    const last = (await detail('operator', id)).timeline.at(-1);
    expect(last).toMatchObject({ entry: 'handed_over', actorName: '服务中心话务员', details: { toUserId: ids['op.hubin'], toName: 'op.hubin', note: '交班，老人已回电' } });
    expect((await candidates('admin', id)).json().items.find((c: AnyJson) => c.username === 'op.hubin')).toBeUndefined(); // the holder now

    // A street operator hands over within the street or up to the district centre (whose area
    // holds the alarm), never sideways to another street.
    const token = await signIn('op.hubin');
    const own = await asOp(token, 'GET', `/api/v1/alarms/${id}/handover-candidates`);
    expect((own.json().items as AnyJson[]).map((c) => c.username).sort()).toEqual(['admin', 'op.hubin2', 'operator']);
    expect((await asOp(token, 'POST', `/api/v1/alarms/${id}/handover`, { toUserId: ids['op.qingbo'] })).statusCode).toBe(404);
    expect((await asOp(token, 'POST', `/api/v1/alarms/${id}/handover`, { toUserId: ids['op.hubin'] })).statusCode).toBe(400);
    expect((await asOp(token, 'POST', `/api/v1/alarms/${id}/handover`, { toUserId: ids['op.hubin2'] })).json().claimedBy.id).toBe(ids['op.hubin2']);
    const upward = await asOp(await signIn('op.hubin2'), 'POST', `/api/v1/alarms/${id}/handover`, { toUserId: ids['operator'] });
    expect(upward.statusCode).toBe(200);
    expect(upward.json().claimedBy.id).toBe(ids['operator']);
    await closeAll();
  });

  it('answers 404 for an alarm outside the caller\'s area, 403 without the permission, 400 for a malformed id', async () => {
    await closeAll();
    const id = await openAlarm('fall');
    const far = await asOp(await signIn('op.qingbo'), 'GET', `/api/v1/alarms/${id}/handover-candidates`);
    expect(far.statusCode).toBe(404);
    expect(far.json()).not.toHaveProperty('items');
    expect((await candidates('community', id)).statusCode).toBe(403);
    expect((await candidates('responder', id)).statusCode).toBe(403);
    expect((await candidates('operator', 'not-an-alarm')).statusCode).toBe(400);
    expect((await candidates('operator', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await t.as(null, { method: 'GET', url: `/api/v1/alarms/${id}/handover-candidates` })).statusCode).toBe(401);
    await closeAll();
  });
});

describe('scope', () => {
  it('an alarm outside the caller\'s area is 404, and family accounts have no console', async () => {
    const id = await openAlarm();
    const street2 = await t.db.kysely.selectFrom('org_units').select('id').where('level', '=', 'street').where('name', '!=', '湖滨街道').limit(1).executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('users').set({ org_unit_id: street2.id }).where('username', '=', 'grid').execute();
    // grid has alarms.read; now it sits in another street.
    const far = await t.as('grid', { method: 'GET', url: `/api/v1/alarms/${id}` });
    expect(far.statusCode).toBe(404);
    expect((await t.as('grid', { method: 'GET', url: '/api/v1/alarms' })).json().items.find((a: AnyJson) => a.id === id)).toBeUndefined();
    expect((await t.as('community', { method: 'GET', url: `/api/v1/alarms/${id}` })).statusCode).toBe(200);
    expect((await t.as('community', { method: 'POST', url: `/api/v1/alarms/${id}/claim` })).statusCode).toBe(403);
    expect((await t.as('family', { method: 'GET', url: '/api/v1/alarms' })).statusCode).toBe(403);
    expect((await t.as('responder', { method: 'GET', url: `/api/v1/alarms/${id}` })).statusCode).toBe(404); // not assigned to it
    expect((await t.as(null, { method: 'GET', url: '/api/v1/alarms' })).statusCode).toBe(401);
    await closeAll();
  });
});

describe('timers, family and figures', () => {
  const runAllDue = async () => {
    await t.db.kysely.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('state', '=', 'pending').where('queue', 'like', 'alarms.%').execute();
    await t.app.jobs.runDue();
  };

  it('an unclaimed alarm breaches its claim target and goes to a supervisor', async () => {
    const id = await openAlarm();
    await runAllDue();
    const a = await detail('operator', id);
    expect(a.claimBreached).toBe(true);
    expect(a.timeline.map((e: AnyJson) => e.entry)).toContain('claim_target_breached');
    await closeAll();
  });

  it('a claimed alarm cancels its claim timer', async () => {
    const id = await openAlarm();
    await post('operator', id, 'claim');
    await runAllDue();
    expect((await detail('operator', id)).claimBreached).toBe(false);
    await closeAll();
  });

  it('a responder not there within 15 minutes: breach recorded and the next responder proposed', async () => {
    const id = await openAlarm();
    await post('operator', id, 'claim');
    const dispatched = (await post('operator', id, 'dispatch')).json();
    await runAllDue();
    const a = await detail('operator', id);
    expect(a.arrivalBreached).toBe(true);
    const breach = a.timeline.find((e: AnyJson) => e.entry === 'arrival_target_breached');
    expect(breach.details.proposedResponderId).toBeTruthy();
    expect(breach.details.proposedResponderId).not.toBe(dispatched.responder.id);
    const again = (await post('operator', id, 'dispatch', { responderId: breach.details.proposedResponderId })).json();
    expect(again.responder.id).toBe(breach.details.proposedResponderId);
    await closeAll();
  });

  it('notifies the family contacts through the outbox and delivers', async () => {
    const id = await openAlarm('fall');
    const rows = await t.db.kysely.selectFrom('notification_outbox').selectAll().where('alarm_id', '=', id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ channel: 'sms', state: 'pending' });
    expect(rows[0]!.recipient).toMatch(/\*\*\*\*/);
    expect(rows[0]!.body).toContain('张秀兰');
    await t.app.jobs.runDue();
    const after = await t.db.kysely.selectFrom('notification_outbox').select('state').where('alarm_id', '=', id).execute();
    expect(after.every((r) => r.state === 'sent')).toBe(true);
    await closeAll();
  });

  it('raises a missed-heartbeat alarm for a silent device, once', async () => {
    await t.db.kysely.updateTable('devices').set({ last_heartbeat_at: new Date(Date.now() - 3 * 86_400_000) }).where('device_id', '=', 'demo-button-1').execute();
    const scan = async () => {
      await t.db.kysely.deleteFrom('jobs').where('queue', '=', 'devices.heartbeat_scan').execute();
      await t.app.jobs.enqueue(t.db.kysely, 'devices.heartbeat_scan', {});
      await t.app.jobs.runDue();
    };
    await scan();
    await scan(); // still silent: the live alarm is not doubled
    const q = t.db.kysely.selectFrom('alarms').select(['id', 'priority']).where('device_id', '=', 'demo-button-1').where('kind', '=', 'missed_heartbeat');
    const rows = await q.execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.priority).toBe(3);
    await t.db.kysely.updateTable('devices').set({ last_heartbeat_at: new Date() }).where('device_id', '=', 'demo-button-1').execute();
    await closeAll();
  });

  it('keeps figures per alarm and today\'s share of arrivals within 15 minutes', async () => {
    const id = await openAlarm();
    for (const [user, action] of [['operator', 'claim'], ['operator', 'dispatch'], ['responder', 'arrive']] as const) {
      const res = await post(user, id, action);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    // One more that arrived late: backdate its opening by 20 minutes.
    const late = await openAlarm('fall');
    await t.db.kysely.updateTable('alarms').set({ opened_at: sql<Date>`now() - interval '20 minutes'` }).where('id', '=', late).execute();
    for (const [user, action] of [['operator', 'claim'], ['operator', 'dispatch'], ['responder', 'arrive']] as const) {
      const res = await post(user, late, action);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    const stats = (await t.as('operator', { method: 'GET', url: '/api/v1/alarms/stats' })).json();
    expect(stats.arrivals).toBeGreaterThanOrEqual(2);
    expect(stats.arrivalsWithin15Min).toBe(stats.arrivals - 1);
    expect(stats.shareWithin15Min).toBeCloseTo((stats.arrivals - 1) / stats.arrivals, 2);
    expect(stats.byKind.sos).toBeGreaterThan(0);
    const lateAlarm = await detail('operator', late);
    expect(lateAlarm.timeToArrivalSeconds).toBeGreaterThan(15 * 60);
  });
});

describe('responders', () => {
  it('a responder goes off duty and is no longer proposed', async () => {
    const me = (await t.as('responder', { method: 'GET', url: '/api/v1/auth/me' })).json();
    const rid = me.responderId ?? me.user?.responderId;
    const off = await t.as('responder', { method: 'PATCH', url: `/api/v1/responders/${rid}`, payload: { onDuty: false } });
    expect(off.json().onDuty).toBe(false);
    await closeAll();
    const id = await openAlarm();
    expect((await detail('operator', id)).proposedResponders.map((r: AnyJson) => r.id)).not.toContain(rid);
    await t.as('responder', { method: 'PATCH', url: `/api/v1/responders/${rid}`, payload: { onDuty: true, position: { lat: 30.2, lng: 120.1 } } });
    const list = (await t.as('operator', { method: 'GET', url: '/api/v1/responders' })).json().items;
    expect(list.length).toBeGreaterThan(60);
    const other = list.find((r: AnyJson) => r.id !== rid);
    expect((await t.as('responder', { method: 'PATCH', url: `/api/v1/responders/${other.id}`, payload: { onDuty: false } })).statusCode).toBe(404);
    expect((await t.as('responder', { method: 'PATCH', url: `/api/v1/responders/${rid}`, payload: { position: { lat: 300, lng: 1 } } })).statusCode).toBe(400);
    await closeAll();
  });
});
