import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday } from '../src/modules/plans/plans.schedule.js';
import type { TestApp } from './harness.js';
import { openOrderTest, type orderApi, type OrderFixtures } from './orders.helpers.js';

/** "Services and alarms stop for the inactive": what moving out or dying winds up, and what it leaves. */
describe('an elder who leaves service', () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  beforeAll(async () => ({ t, f, api } = await openOrderTest()));
  afterAll(() => t.close());

  const stateOf = async (id: string) => (await t.db.kysely.selectFrom('orders').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  const status = (status: string, effectiveDate?: string) =>
    t.as('community', { method: 'POST', url: `/api/v1/elders/${f.elder.id}/status`, payload: { status, ...(effectiveDate ? { effectiveDate } : {}) } });

  it('ends the package on the day, stops plans and calls off visits nobody was sent to; a visit a helper holds stays', async () => {
    const today = localToday();
    const basic = (await t.db.kysely.selectFrom('service_packages').select('id').where('name', '=', '基础照料套餐').executeTakeFirstOrThrow()).id;
    expect((await t.as('community', { method: 'PUT', url: `/api/v1/elders/${f.elder.id}/package`, payload: { packageId: basic, startsOn: addDays(today, -20) } })).statusCode).toBe(200);
    const plan = await t.as('community', { method: 'POST', url: '/api/v1/care-plans', payload: { elderId: f.elder.id, itemIds: [f.item('lunch_delivery').id], rrule: 'FREQ=DAILY', startTime: '11:00', durationMinutes: 30, startsOn: addDays(today, 1), payer: 'subsidy' } });
    expect(plan.statusCode, plan.body).toBe(201);
    const booked = (await api.create({ days: 2 })).json().id as string;
    const held = await api.driveTo('accepted', { days: 3 });

    const res = await status('moved_out', today);
    expect(res.statusCode, res.body).toBe(200);
    await t.app.jobs.runDue();

    const pkg = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${f.elder.id}/package` })).json();
    expect(pkg.endsOn).toBe(today);
    expect(await stateOf(booked)).toBe('cancelled');
    expect(await stateOf(held)).toBe('accepted');
    const planNow = (await t.as('community', { method: 'GET', url: `/api/v1/care-plans/${plan.json().id}` })).json();
    expect(planNow).toMatchObject({ state: 'stopped', stopReason: 'elder is no longer active (moved_out)' });
    const visits = await t.db.kysely.selectFrom('orders').select('state').where('plan_id', '=', plan.json().id).execute();
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((v) => v.state === 'cancelled')).toBe(true);
    const timeline = (await api.get('operator', booked)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'cancel', reason: 'elder is no longer active (moved_out)' });
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_username']).where('action', '=', 'elder.package_end').where('entity_id', '=', f.elder.id).execute();
    expect(audit).toEqual([{ action: 'elder.package_end', actor_username: null }]);

    // Coming back restores nothing by itself: a new package and plan are a person's decision.
    expect((await status('active')).statusCode).toBe(200);
    await t.app.jobs.runDue();
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders/${f.elder.id}/package` })).json().endsOn).toBe(today);
    expect(await stateOf(booked)).toBe('cancelled');
    expect(await api.post('operator', held, 'cancel', { reason: '老人已搬离' }).then((r) => r.statusCode)).toBe(200);
  });

  it('publishes nothing for a change between two states without service', async () => {
    expect((await status('moved_out')).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const before = await t.db.kysely.selectFrom('jobs').select('id').where('queue', 'like', 'elders.left_service>%').execute();
    expect(before.length).toBeGreaterThan(0);
    expect((await status('deceased')).statusCode).toBe(200);
    const after = await t.db.kysely.selectFrom('jobs').select('id').where('queue', 'like', 'elders.left_service>%').execute();
    expect(after).toHaveLength(before.length);
  });
});
