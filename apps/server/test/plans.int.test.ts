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
    // The plan shows its next three visits, earliest first, skipping the holiday.
    const shown = listed.json().items.find((p: { id: string }) => p.id === plan.id);
    expect(shown.nextVisits.map((v: { start: string; state: string }) => [v.start, v.state])).toEqual(
      [1, 2, 4].map((n) => [new Date(`${addDays(today, n)}T11:00:00+08:00`).toISOString(), 'requested']),
    );
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
    // Unmarking it brings the lunch visit back as a new order; the dispatched bathing visit and the
    // family's own order are not duplicated, and the cancelled order keeps its history.
    expect((await t.as('community', { method: 'DELETE', url: `/api/v1/holidays/${holiday}` })).statusCode).toBe(403);
    const removed = await t.as('admin', { method: 'DELETE', url: `/api/v1/holidays/${holiday}` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ day: holiday, restoredOrders: 1 });
    expect(await stateOf(onHoliday)).toBe('cancelled');
    const onThatDay = await t.db.kysely
      .selectFrom('orders')
      .select(['id', 'state', 'window_start', 'notes'])
      .where('elder_id', '=', f.elder.id)
      .where('window_start', '>=', new Date(`${holiday}T00:00:00+08:00`))
      .where('window_start', '<', new Date(`${holiday}T23:59:59+08:00`))
      .where('state', '!=', 'cancelled')
      .orderBy('window_start')
      .execute();
    expect(onThatDay.map((o) => [o.window_start.toISOString(), o.state])).toEqual([
      [new Date(`${holiday}T09:00:00+08:00`).toISOString(), 'dispatched'],
      [new Date(`${holiday}T10:00:00+08:00`).toISOString(), 'requested'],
      [new Date(`${holiday}T11:30:00+08:00`).toISOString(), 'requested'],
    ]);
    const restored = (await t.as('operator', { method: 'GET', url: `/api/v1/orders/${onThatDay[2]!.id}` })).json();
    expect(restored).toMatchObject({ source: 'care_plan', state: 'requested' });
    // The generator finds the window taken and adds nothing.
    await t.app.jobs.enqueue(t.db.kysely, 'plans.generate', {});
    await t.app.jobs.runDue();
    expect(await liveAt(`${holiday}T11:30:00+08:00`)).toBe(1);
  });

  const liveAt = async (start: string) =>
    (await t.db.kysely.selectFrom('orders').select('id').where('elder_id', '=', f.elder.id).where('plan_id', 'is not', null).where('window_start', '=', new Date(start)).where('state', '!=', 'cancelled').execute()).length;
  const newPlan = async (payload: Record<string, unknown>) => {
    const res = await t.as('community', { method: 'POST', url: '/api/v1/care-plans', payload: { elderId: f.elder.id, payer: 'subsidy', durationMinutes: 30, rrule: 'FREQ=DAILY', itemIds: [f.item('lunch_delivery').id], ...payload } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const setHoliday = async (day: string) => {
    const res = await t.as('admin', { method: 'PUT', url: `/api/v1/holidays/${day}`, payload: { name: '调休' } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().cancelledOrders as number;
  };
  const removeHoliday = async (day: string) => {
    const res = await t.as('admin', { method: 'DELETE', url: `/api/v1/holidays/${day}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().restoredOrders as number;
  };

  it('brings a holiday’s visits back once however often it is marked and unmarked, and leaves a visit a person called off', async () => {
    const day = addDays(localToday(), 10);
    await newPlan({ startTime: '12:00', startsOn: day, endsOn: day });
    const personal = await newPlan({ startTime: '15:00', itemIds: [f.item('room_cleaning').id], startsOn: day, endsOn: day });
    const [called] = await t.db.kysely.selectFrom('orders').select('id').where('plan_id', '=', personal).execute();
    expect((await t.as('community', { method: 'POST', url: `/api/v1/orders/${called!.id}/cancel`, payload: { reason: '老人住院' } })).statusCode).toBe(200);

    expect(await setHoliday(day)).toBe(1);
    expect(await removeHoliday(day)).toBe(1);
    expect(await liveAt(`${day}T12:00:00+08:00`)).toBe(1);
    expect(await liveAt(`${day}T15:00:00+08:00`)).toBe(0);
    // Marked and unmarked again: the restored visit is cancelled and brought back, never doubled.
    expect(await setHoliday(day)).toBe(1);
    expect(await liveAt(`${day}T12:00:00+08:00`)).toBe(0);
    expect(await removeHoliday(day)).toBe(1);
    expect(await liveAt(`${day}T12:00:00+08:00`)).toBe(1);
    expect(await liveAt(`${day}T15:00:00+08:00`)).toBe(0);
    expect((await t.as('admin', { method: 'DELETE', url: `/api/v1/holidays/${day}` })).statusCode).toBe(404);
    // A restored visit a person then calls off stays called off through the next holiday.
    const [restored] = await t.db.kysely.selectFrom('orders').select('id').where('window_start', '=', new Date(`${day}T12:00:00+08:00`)).where('state', '=', 'requested').execute();
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/orders/${restored!.id}/cancel`, payload: { reason: '家属接去外地' } })).statusCode).toBe(200);
    expect(await setHoliday(day)).toBe(0);
    expect(await removeHoliday(day)).toBe(0);
    expect(await liveAt(`${day}T12:00:00+08:00`)).toBe(0);
  });

  it('a plan set up while the day was a holiday gets that day’s visit when the holiday is removed', async () => {
    const day = addDays(localToday(), 11);
    expect(await setHoliday(day)).toBe(0);
    const plan = await newPlan({ startTime: '17:00', startsOn: addDays(day, -1), endsOn: addDays(day, 1) });
    expect((await planOrders(plan)).map((o) => o.day)).toEqual([addDays(day, -1), addDays(day, 1)]);
    expect(await removeHoliday(day)).toBe(1);
    expect((await planOrders(plan)).map((o) => o.day)).toEqual([addDays(day, -1), day, addDays(day, 1)]);
  });

  it('does not bring back a package visit once the month’s allowance went to another order', async () => {
    // A day no other test's plan visits (the plan set up over a holiday ends on day 12).
    const day = addDays(localToday(), 13);
    const basic = (await t.db.kysely.selectFrom('service_packages').select('id').where('name', '=', '基础照料套餐').executeTakeFirstOrThrow()).id;
    expect((await t.as('community', { method: 'PUT', url: `/api/v1/elders/${f.elder.id}/package`, payload: { packageId: basic } })).statusCode).toBe(200);
    // The package allows one haircut a month: the plan's visit takes it, the holiday gives it back.
    const plan = await newPlan({ itemIds: [f.item('home_haircut').id], payer: 'package', startTime: '14:00', startsOn: day, endsOn: day });
    expect(await planOrders(plan)).toHaveLength(1);
    expect(await setHoliday(day)).toBe(1);
    const family = await t.as('family', { method: 'POST', url: '/api/v1/orders', payload: { elderId: f.elder.id, itemIds: [f.item('home_haircut').id], payer: 'package', window: { start: `${day}T09:00:00+08:00`, end: `${day}T10:00:00+08:00` } } });
    expect(family.statusCode, family.body).toBe(201);
    // Unmarking still succeeds; the visit over the allowance is skipped as the generator skips it.
    expect(await removeHoliday(day)).toBe(0);
    expect((await planOrders(plan)).map((o) => o.state)).toEqual(['cancelled']);
    // With the allowance free again, marking and unmarking brings it back.
    expect((await t.as('family', { method: 'POST', url: `/api/v1/orders/${family.json().id}/cancel`, payload: { reason: '改期' } })).statusCode).toBe(200);
    expect(await setHoliday(day)).toBe(0);
    expect(await removeHoliday(day)).toBe(1);
    expect((await planOrders(plan)).map((o) => o.state).sort()).toEqual(['cancelled', 'requested']);
  });

  it('does not bring back a visit whose window has passed', async () => {
    const today = localToday();
    // The plan's only visit today started at midnight; in a real day the holiday cancelled it while
    // it was still ahead. The test builds that state: a cancelled order at the plan's window.
    const plan = await newPlan({ startTime: '00:00', durationMinutes: 15, startsOn: today, endsOn: today });
    const placed = await t.as('family', { method: 'POST', url: '/api/v1/orders', payload: { elderId: f.elder.id, itemIds: [f.item('lunch_delivery').id], window: { start: `${addDays(today, 12)}T10:00:00+08:00`, end: `${addDays(today, 12)}T11:00:00+08:00` } } });
    expect(placed.statusCode, placed.body).toBe(201);
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/orders/${placed.json().id}/cancel`, payload: { reason: 'holiday' } })).statusCode).toBe(200);
    await t.db.kysely
      .updateTable('orders')
      .set({ plan_id: plan, source: 'care_plan', window_start: new Date(`${today}T00:00:00+08:00`), window_end: new Date(`${today}T00:15:00+08:00`) })
      .where('id', '=', placed.json().id)
      .execute();
    const before = (await planOrders(plan)).length;
    await setHoliday(today);
    expect(await removeHoliday(today)).toBe(0);
    expect(await planOrders(plan)).toHaveLength(before);
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
    expect(plan.nextVisits).toEqual([]);
    expect((await planOrders(res.json().id)).every((o) => o.state === 'cancelled')).toBe(true);
    await t.db.kysely.updateTable('elders').set({ status: 'active' }).where('id', '=', elderId).execute();
  });

  it('a registry worker stops a plan with a reason: its visits ahead are cancelled; another area’s plan is not found', async () => {
    const start = addDays(localToday(), 1);
    const id = await newPlan({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', itemIds: [f.item('home_bathing').id], startTime: '09:00', durationMinutes: 90, startsOn: start });
    expect((await t.as('community', { method: 'GET', url: `/api/v1/care-plans/${id}` })).json().nextVisits).toHaveLength(3);
    expect((await t.as('family', { method: 'POST', url: `/api/v1/care-plans/${id}/stop`, payload: { reason: '不需要了' } })).statusCode).toBe(403);
    expect((await t.as('community', { method: 'POST', url: `/api/v1/care-plans/${id}/stop`, payload: {} })).statusCode).toBe(400);
    const stopped = await t.as('community', { method: 'POST', url: `/api/v1/care-plans/${id}/stop`, payload: { reason: '老人去子女家长住' } });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({ state: 'stopped', stopReason: '老人去子女家长住', nextVisits: [] });
    expect((await planOrders(id)).every((o) => o.state === 'cancelled')).toBe(true);
    expect((await t.as('community', { method: 'POST', url: `/api/v1/care-plans/${id}/stop`, payload: { reason: '再停' } })).statusCode).toBe(409);

    // A plan of an elder in another street: the community worker neither sees nor stops it.
    const far = await t.db.kysely
      .selectFrom('elders as e')
      .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
      .select('e.id')
      .where('e.status', '=', 'active')
      .where(({ eb, ref }) => eb(ref('u.path'), '<@' as never, t.db.kysely.selectFrom('org_units').select('path').where('name', '=', '清波街道')))
      .executeTakeFirstOrThrow();
    const theirs = await t.as('admin', { method: 'POST', url: '/api/v1/care-plans', payload: { elderId: far.id, itemIds: [f.item('lunch_delivery').id], rrule: 'FREQ=DAILY', startTime: '11:00', durationMinutes: 30, startsOn: start, endsOn: start, payer: 'self' } });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await t.as('community', { method: 'GET', url: `/api/v1/care-plans/${theirs.json().id}` })).statusCode).toBe(404);
    expect((await t.as('community', { method: 'POST', url: `/api/v1/care-plans/${theirs.json().id}/stop`, payload: { reason: 'x' } })).statusCode).toBe(404);
    expect((await t.as('community', { method: 'GET', url: `/api/v1/care-plans?elderId=${far.id}` })).json().items).toEqual([]);
    expect((await t.as('community', { method: 'POST', url: '/api/v1/care-plans', payload: { elderId: far.id, itemIds: [f.item('lunch_delivery').id], rrule: 'FREQ=DAILY', startTime: '11:00', durationMinutes: 30, startsOn: start } })).statusCode).toBe(404);
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
