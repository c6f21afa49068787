import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday } from '../src/modules/plans/plans.schedule.js';
import { createTestApp, type TestApp } from './harness.js';
import { orderFixtures, type OrderFixtures } from './orders.helpers.js';

describe('care plans', () => {
  let t: TestApp;
  let f: OrderFixtures;
  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixtures(t);
  });
  afterAll(() => t.close());

  const planOrders = async (planId: string) =>
    (await t.db.kysely.selectFrom('orders').select(['window_start', 'state', 'source']).where('plan_id', '=', planId).orderBy('window_start').execute()).map((o) => ({
      day: new Date(o.window_start.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
      state: o.state,
      source: o.source,
    }));

  it('generates daily visits ahead of time and skips the bureau’s holidays', async () => {
    const today = localToday();
    const holiday = addDays(today, 3);
    expect((await t.as('admin', { method: 'PUT', url: `/api/v1/holidays/${holiday}`, payload: { name: '元旦' } })).statusCode).toBe(200);
    expect((await t.as('community', { method: 'PUT', url: `/api/v1/holidays/${holiday}`, payload: { name: '元旦' } })).statusCode).toBe(403);
    const res = await t.as('community', {
      method: 'POST',
      url: '/api/v1/care-plans',
      payload: { elderId: f.elder.id, itemIds: [f.item('lunch_delivery').id], rrule: 'FREQ=DAILY', startTime: '11:00', durationMinutes: 30, startsOn: addDays(today, 1), endsOn: addDays(today, 5), payer: 'subsidy', notes: '少盐' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    const orders = await planOrders(plan.id);
    expect(orders.map((o) => o.day)).toEqual([1, 2, 4, 5].map((n) => addDays(today, n)));
    expect(orders.every((o) => o.source === 'care_plan' && o.state === 'requested')).toBe(true);
    // Running the generator again creates nothing twice.
    await t.app.jobs.enqueue(t.db.kysely, 'plans.generate', {});
    await t.app.jobs.runDue();
    expect(await planOrders(plan.id)).toHaveLength(4);
    const listed = await t.as('operator', { method: 'GET', url: `/api/v1/care-plans?elderId=${f.elder.id}` });
    expect(listed.json().items.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect((await t.as('family', { method: 'GET', url: '/api/v1/holidays' })).json().items).toContainEqual({ day: holiday, name: '元旦' });
  });

  it('a holiday marked after the visits were generated cancels those not yet dispatched, and only on that day', async () => {
    const today = localToday();
    const holiday = addDays(today, 7);
    const plan = async (payload: Record<string, unknown>) => {
      const res = await t.as('community', { method: 'POST', url: '/api/v1/care-plans', payload: { elderId: f.elder.id, payer: 'subsidy', durationMinutes: 30, rrule: 'FREQ=DAILY', ...payload } });
      expect(res.statusCode, res.body).toBe(201);
      return (await t.db.kysely.selectFrom('orders').select('id').where('plan_id', '=', res.json().id).orderBy('window_start').execute()).map((o) => o.id);
    };
    const [before, onHoliday, after] = (await plan({ itemIds: [f.item('lunch_delivery').id], startTime: '11:30', startsOn: addDays(today, 6), endsOn: addDays(today, 8) })) as [string, string, string];
    // A bathing visit that day was already dispatched: it stays with its helper, the centre decides.
    const [dispatched] = (await plan({ itemIds: [f.item('home_bathing').id], startTime: '09:00', durationMinutes: 90, startsOn: holiday, endsOn: holiday })) as [string];
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/orders/${dispatched}/dispatch`, payload: { staffId: f.staffId } })).statusCode).toBe(200);
    // An order a family placed for that day is theirs to keep.
    const placed = await t.as('family', { method: 'POST', url: '/api/v1/orders', payload: { elderId: f.elder.id, itemIds: [f.item('room_cleaning').id], window: { start: `${holiday}T10:00:00+08:00`, end: `${holiday}T12:00:00+08:00` } } });
    expect(placed.statusCode, placed.body).toBe(201);

    const marked = await t.as('admin', { method: 'PUT', url: `/api/v1/holidays/${holiday}`, payload: { name: '调休' } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ day: holiday, name: '调休', cancelledOrders: 1 });
    const stateOf = async (id: string) => (await t.db.kysely.selectFrom('orders').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
    expect(await Promise.all([before, onHoliday, after, dispatched, placed.json().id].map(stateOf))).toEqual(['requested', 'cancelled', 'requested', 'dispatched', 'requested']);
    const timeline = (await t.as('operator', { method: 'GET', url: `/api/v1/orders/${onHoliday}` })).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'cancel', fromState: 'requested', toState: 'cancelled', reason: 'holiday', actorRole: 'admin' });
    // Marking it again finds nothing more to cancel, and the generator does not bring the visit back.
    expect((await t.as('admin', { method: 'PUT', url: `/api/v1/holidays/${holiday}`, payload: { name: '调休' } })).json().cancelledOrders).toBe(0);
    await t.app.jobs.enqueue(t.db.kysely, 'plans.generate', {});
    await t.app.jobs.runDue();
    expect(await stateOf(onHoliday)).toBe('cancelled');
    expect((await t.as('admin', { method: 'DELETE', url: `/api/v1/holidays/${holiday}` })).statusCode).toBe(200);
    expect(await t.db.kysely.selectFrom('orders').select('id').where('source', '=', 'care_plan').where('state', '=', 'requested').where('window_start', '>=', new Date(`${holiday}T00:00:00+08:00`)).where('window_start', '<', new Date(`${holiday}T23:59:59+08:00`)).execute()).toEqual([]);
  });

  it('stops when the elder is no longer active and cancels the visits nobody was sent to', async () => {
    const today = localToday();
    const other = await t.db.kysely.selectFrom('elders').select('id').where('org_unit_id', '=', f.elder.org_unit_id).where('id', '!=', f.elder.id).where('status', '=', 'active').executeTakeFirst();
    const elderId = other?.id ?? f.elder.id;
    const res = await t.as('community', {
      method: 'POST',
      url: '/api/v1/care-plans',
      payload: { elderId, itemIds: [f.item('home_bathing').id], rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', startTime: '09:00', durationMinutes: 90, startsOn: today },
    });
    expect(res.statusCode, res.body).toBe(201);
    const generated = await planOrders(res.json().id);
    expect(generated.length).toBeGreaterThanOrEqual(3);
    await t.db.kysely.updateTable('elders').set({ status: 'moved_out' }).where('id', '=', elderId).execute();
    await t.app.jobs.enqueue(t.db.kysely, 'plans.generate', {});
    await t.app.jobs.runDue();
    const plan = (await t.as('community', { method: 'GET', url: `/api/v1/care-plans/${res.json().id}` })).json();
    expect(plan).toMatchObject({ state: 'stopped' });
    expect(plan.stopReason).toMatch(/moved_out/);
    expect((await planOrders(res.json().id)).every((o) => o.state === 'cancelled')).toBe(true);
    await t.db.kysely.updateTable('elders').set({ status: 'active' }).where('id', '=', elderId).execute();
  });

  it('rejects bad plans', async () => {
    const base = { elderId: f.elder.id, itemIds: [f.item('lunch_delivery').id], rrule: 'FREQ=DAILY', startTime: '11:00', durationMinutes: 30, startsOn: localToday() };
    const cases: [Record<string, unknown>, number][] = [
      [{ ...base, rrule: 'FREQ=HOURLY' }, 400],
      [{ ...base, rrule: 'every day' }, 400],
      [{ ...base, startTime: '25:00' }, 400],
      [{ ...base, durationMinutes: 5 }, 400],
      [{ ...base, endsOn: addDays(localToday(), -3) }, 400],
      [{ ...base, itemIds: [] }, 400],
      [{ ...base, elderId: '00000000-0000-4000-8000-000000000000' }, 404],
    ];
    for (const [payload, status] of cases) expect((await t.as('community', { method: 'POST', url: '/api/v1/care-plans', payload })).statusCode, JSON.stringify(payload)).toBe(status);
    expect((await t.as('family', { method: 'POST', url: '/api/v1/care-plans', payload: base })).statusCode).toBe(403);
    expect((await t.as('admin', { method: 'PUT', url: '/api/v1/holidays/2026-02-30', payload: { name: 'x' } })).statusCode).toBe(400);
    expect((await t.as('admin', { method: 'DELETE', url: '/api/v1/holidays/2030-01-01' })).statusCode).toBe(404);
  });
});
