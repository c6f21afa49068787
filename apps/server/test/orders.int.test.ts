import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './harness.js';
import { localAt, openOrderTest, type orderApi, type OrderFixtures } from './orders.helpers.js';

describe('work orders', () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  beforeAll(async () => ({ t, f, api } = await openOrderTest()));
  afterAll(() => t.close());

  it('runs an order from request to review, recording every step', async () => {
    const res = await api.create();
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ state: 'requested', source: 'family', totalFen: 6000, expectedMinutes: 120 });
    const dispatched = await api.post('operator', order.id, 'dispatch', { staffId: f.staffId });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', staffId: f.staffId, staffName: '李秀英' });
    expect(dispatched.json().dispatchExplanation.mode).toBe('manual');
    expect((await api.post('caregiver', order.id, 'accept')).json().state).toBe('accepted');
    expect((await api.post('caregiver', order.id, 'start')).json().state).toBe('en_route');
    const inService = await api.post('caregiver', order.id, 'check-in', { lat: f.elder.lat, lng: f.elder.lng });
    expect(inService.json()).toMatchObject({ state: 'in_service', visit: { outOfArea: false, checkInDistanceM: 0 } });
    const done = await api.post('caregiver', order.id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng, tasksDone: f.item('room_cleaning').tasks });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'completed', visit: { tooShort: true, durationMinutes: 0, tasksDone: f.item('room_cleaning').tasks } });
    expect((await api.post('family', order.id, 'confirm')).json()).toMatchObject({ state: 'confirmed', confirmedBy: 'family' });
    const reviewed = await api.post('family', order.id, 'review', { rating: 5, tags: ['准时', '细心'], comment: '很好' });
    expect(reviewed.json()).toMatchObject({ state: 'reviewed', review: { rating: 5, tags: ['准时', '细心'], comment: '很好' } });
    const detail = (await api.get('operator', order.id)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'dispatch', 'accept', 'start', 'check_in', 'check_out', 'confirm', 'review']);
    expect(detail.timeline[1]).toMatchObject({ fromState: 'requested', toState: 'dispatched', actorRole: 'operator' });
    const staff = await t.db.kysely.selectFrom('staff').select('open_orders').where('id', '=', f.staffId).executeTakeFirstOrThrow();
    expect(staff.open_orders).toBe(0);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', order.id).execute();
    expect(audit.map((a) => a.action)).toContain('order.check_out');
  });

  it('sends a rejected order back to dispatch with the reason, and frees the helper', async () => {
    const id = await api.driveTo('accepted');
    const bad = await api.post('caregiver', id, 'reject', {});
    expect(bad.statusCode).toBe(400);
    const res = await api.post('caregiver', id, 'reject', { reason: '家中老人临时住院' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'requested', staffId: null, providerId: null });
    const last = res.json().timeline.at(-1);
    expect(last).toMatchObject({ action: 'reject', fromState: 'accepted', toState: 'requested', reason: '家中老人临时住院' });
    // The caregiver no longer sees it.
    expect((await api.get('caregiver', id)).statusCode).toBe(404);
  });

  it('records a no-show and a dispute, and an operator resolves the dispute', async () => {
    const a = await api.driveTo('accepted');
    expect((await api.post('caregiver', a, 'no-show', { reason: '敲门无人应答，电话未接' })).json().state).toBe('no_show');
    const b = await api.driveTo('completed', { hour: 14 });
    expect((await api.post('family', b, 'dispute', { reason: '服务员只待了十分钟' })).json().state).toBe('disputed');
    expect((await api.post('family', b, 'review', { rating: 1 })).statusCode).toBe(409);
    expect((await api.post('operator', b, 'resolve', { reason: '回访核实，已补做' })).json()).toMatchObject({ state: 'confirmed', confirmedBy: 'operator_callback' });
  });

  it('answers every refused transition with 409 and the current state', async () => {
    const cases: [string, string, string, unknown][] = [
      ['requested', 'family', 'review', { rating: 4 }],
      ['requested', 'family', 'confirm', {}],
      ['requested', 'operator', 'resolve', { reason: 'x' }],
      ['dispatched', 'caregiver', 'check-out', { lat: 30, lng: 120 }],
      ['dispatched', 'caregiver', 'start', {}],
      ['accepted', 'caregiver', 'accept', {}],
      ['accepted', 'caregiver', 'check-out', { lat: 30, lng: 120 }],
      ['in_service', 'family', 'cancel', { reason: '不要了' }],
      ['in_service', 'caregiver', 'reject', { reason: '太远' }],
      ['in_service', 'operator', 'dispatch', { staffId: '' }],
      ['completed', 'caregiver', 'check-in', { lat: 30, lng: 120 }],
      ['completed', 'family', 'review', { rating: 5 }],
    ];
    for (const [state, user, action, body] of cases) {
      const id = state === 'requested' ? (await api.create()).json().id : await api.driveTo(state as 'dispatched');
      const payload = action === 'dispatch' ? { staffId: f.staffId } : body;
      const res = await api.post(user, id, action, payload);
      expect(res.statusCode, `${action} in ${state}`).toBe(409);
      expect(res.json().error.details.state).toBe(state);
      // Nothing changed.
      expect((await api.get('operator', id)).json().state).toBe(state);
    }
  });

  it('lets only the right people act', async () => {
    const id = await api.driveTo('dispatched');
    // The family cannot accept; the provider admin can, but cannot check in for its helper.
    expect((await api.post('family', id, 'accept')).statusCode).toBe(403);
    expect((await api.post('provider', id, 'accept')).json().state).toBe('accepted');
    expect((await api.post('provider', id, 'check-in', { lat: f.elder.lat, lng: f.elder.lng })).statusCode).toBe(403);
    // A caregiver cannot confirm without the code.
    await api.post('caregiver', id, 'check-in', { lat: f.elder.lat, lng: f.elder.lng });
    await api.post('caregiver', id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng });
    expect((await api.post('caregiver', id, 'confirm', {})).statusCode).toBe(403);
    expect((await api.post('operator', id, 'confirm', {})).statusCode).toBe(400);
    expect((await api.post('operator', id, 'confirm', { note: '电话回访：老人确认已服务' })).json()).toMatchObject({ state: 'confirmed', confirmedBy: 'operator_callback' });
    expect((await api.post('operator', id, 'review', { rating: 5 })).statusCode).toBe(403);
  });

  it('refuses orders for elders who are no longer active', async () => {
    const other = await t.db.kysely.selectFrom('elders').select('id').where('org_unit_id', '=', f.elder.org_unit_id).where('id', '!=', f.elder.id).executeTakeFirst();
    const elderId = other?.id ?? (await t.db.kysely.selectFrom('elders').select('id').where('id', '!=', f.elder.id).executeTakeFirstOrThrow()).id;
    await t.db.kysely.updateTable('elders').set({ status: 'deceased' }).where('id', '=', elderId).execute();
    const res = await api.create({ user: 'operator', elderId });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({ elderStatus: 'deceased' });
  });

  it('narrows the list to a picked area inside the caller\'s own, and answers 404 for one outside it', async () => {
    const id = (await api.create()).json().id as string;
    const streets = await t.db.kysely.selectFrom('org_units as s').select(['s.id', sql<boolean>`s.path @> (select path from org_units where id = ${f.elder.org_unit_id})`.as('home')])
      .where('s.level', '=', 'street').execute();
    const home = streets.find((s) => s.home)!.id;
    const other = streets.find((s) => !s.home)!.id;
    const list = async (user: string, orgUnitId: string) => t.as(user, { method: 'GET', url: `/api/v1/orders?pageSize=200&orgUnitId=${orgUnitId}` });
    const inHome = (await list('operator', home)).json();
    expect(inHome.items.map((o: { id: string }) => o.id)).toContain(id);
    const elsewhere = (await list('operator', other)).json();
    expect(elsewhere.items.map((o: { id: string }) => o.id)).not.toContain(id);
    const otherUnits = new Set((await t.db.kysely.selectFrom('org_units').select('id').where(sql<boolean>`path <@ (select path from org_units where id = ${other})`).execute()).map((u) => u.id));
    expect(elsewhere.items.every((o: { orgUnitId: string }) => otherUnits.has(o.orgUnitId))).toBe(true);
    expect(elsewhere.total).toBeLessThan((await t.as('operator', { method: 'GET', url: '/api/v1/orders' })).json().total);
    // The community worker's area is one community: another street is as unknown as a made-up id.
    const outside = await list('community', other);
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).not.toHaveProperty('items');
    expect((await list('community', randomUUID())).statusCode).toBe(404);
    expect((await list('operator', 'not-a-unit')).statusCode).toBe(400);

    // Supervision, callbacks and satisfaction narrow the same way.
    const completed = await api.driveTo('completed', { hour: 15 });
    const unconfirmed = async (orgUnitId: string) =>
      ((await t.as('operator', { method: 'GET', url: `/api/v1/orders/supervision?kind=unconfirmed&orgUnitId=${orgUnitId}` })).json().items as { id: string }[]).map((o) => o.id);
    expect(await unconfirmed(home)).toContain(completed);
    expect(await unconfirmed(other)).not.toContain(completed);
    // A street's service-centre operator: the other street is outside its area.
    const password = 'Street-Desk-2026!';
    expect((await t.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username: 'op.home', displayName: '街道话务员', role: 'operator', orgUnitId: home, password } })).statusCode).toBe(201);
    const token = (await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'op.home', password } })).json().token as string;
    for (const url of [`/api/v1/orders/supervision?kind=unconfirmed&orgUnitId=${other}`, `/api/v1/callbacks?orgUnitId=${other}`, `/api/v1/orders/satisfaction?orgUnitId=${other}`]) {
      expect((await t.as('operator', { method: 'GET', url })).statusCode, url).toBe(200);
      const outsideArea = await t.app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(outsideArea.statusCode, url).toBe(404);
      expect(outsideArea.json()).not.toHaveProperty('items');
      expect((await t.as('operator', { method: 'GET', url: url.replace(other, 'x') })).statusCode, url).toBe(400);
    }
  });

  it('rejects bad input on every endpoint, changing nothing', async () => {
    const before = (await t.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const item = f.item('room_cleaning').id;
    const win = { start: localAt(10), end: localAt(12) };
    const bad: [unknown, number][] = [
      [{}, 400],
      [{ elderId: 'x', itemIds: [item], window: win }, 400],
      [{ elderId: f.elder.id, itemIds: [], window: win }, 400],
      [{ elderId: f.elder.id, itemIds: [item], window: { start: win.end, end: win.start } }, 400],
      [{ elderId: f.elder.id, itemIds: [item], window: { start: localAt(8), end: localAt(23) } }, 400],
      [{ elderId: f.elder.id, itemIds: [item], window: { start: localAt(10, -2), end: localAt(12, -2) } }, 400],
      [{ elderId: f.elder.id, itemIds: [item], window: win, notes: 'x'.repeat(5000) }, 400],
      [{ elderId: f.elder.id, itemIds: [randomUUID()], window: win }, 400],
      [{ elderId: f.elder.id, itemIds: [item], window: win, source: 'phone' }, 400],
      [{ elderId: f.elder.id, itemIds: 'room', window: win }, 400],
      [{ elderId: randomUUID(), itemIds: [item], window: win }, 404],
    ];
    for (const [payload, status] of bad) {
      const res = await t.as('family', { method: 'POST', url: '/api/v1/orders', payload: payload as object });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 120)).toBe(status);
      expect(res.json().error.message).toBeTruthy();
    }
    const after = (await t.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    expect(after).toBe(before);

    const id = await api.driveTo('accepted');
    expect((await api.post('operator', randomUUID(), 'dispatch')).statusCode).toBe(404);
    expect((await api.post('operator', id, 'dispatch', { staffId: 'nope' })).statusCode).toBe(400);
    expect((await api.post('caregiver', id, 'check-in', { lat: 'abc', lng: 120 })).statusCode).toBe(400);
    expect((await api.post('caregiver', id, 'check-in', { lat: 95, lng: 120 })).statusCode).toBe(400);
    expect((await api.post('caregiver', id, 'check-in', {})).statusCode).toBe(400);
    expect((await api.post('caregiver', id, 'reject', { reason: 'x'.repeat(600) })).statusCode).toBe(400);
    expect((await api.post('family', id, 'review', { rating: 6 })).statusCode).toBe(400);
    expect((await api.post('family', id, 'review', { rating: 4, tags: Array(11).fill('好') })).statusCode).toBe(400);
    expect((await api.post('family', id, 'confirm', { code: '12ab' })).statusCode).toBe(400);
    expect((await t.as('operator', { method: 'GET', url: '/api/v1/orders?state=flying' })).statusCode).toBe(400);
    expect((await t.as('operator', { method: 'GET', url: '/api/v1/orders?date=2026-13-01' })).statusCode).toBe(400);
    expect((await api.get('operator', 'not-a-uuid')).statusCode).toBe(400);
    expect((await api.get('operator', id)).json().state).toBe('accepted');
  });

  it('lists with filters and counts per state', async () => {
    const id = (await api.create({ days: 3 })).json().id;
    const day = localAt(10, 3).slice(0, 10);
    const res = await t.as('operator', { method: 'GET', url: `/api/v1/orders?elderId=${f.elder.id}&date=${day}&state=requested` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((o: { id: string }) => o.id)).toContain(id);
    expect(body.items.every((o: { state: string }) => o.state === 'requested')).toBe(true);
    expect(body.counts.requested).toBeGreaterThanOrEqual(1);
    const mine = await t.as('caregiver', { method: 'GET', url: '/api/v1/orders?state=accepted&state=dispatched' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.every((o: { staffId: string }) => o.staffId === f.staffId)).toBe(true);
  });
});
