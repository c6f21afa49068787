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
