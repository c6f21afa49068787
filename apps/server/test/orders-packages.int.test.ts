import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { localAt, orderApi, orderFixtures, type OrderFixtures } from './orders.helpers.js';

describe('service packages held by elders', () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  let basic: string; // 基础照料套餐: room cleaning 4, chatting 4, haircut 1 a month
  const url = () => `/api/v1/elders/${f.elder.id}/package`;
  const packageOrder = (items: string[], days = 1, hour = 9) =>
    t.as('family', { method: 'POST', url: '/api/v1/orders', payload: { elderId: f.elder.id, itemIds: items.map((c) => f.item(c).id), window: { start: localAt(hour, days), end: localAt(hour + 1, days) }, payer: 'package' } });

  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixtures(t);
    api = orderApi(t, f);
    basic = (await t.db.kysely.selectFrom('service_packages').select('id').where('name', '=', '基础照料套餐').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('refuses a package-paid order while the elder holds no package', async () => {
    expect((await t.as('community', { method: 'GET', url: url() })).json()).toMatchObject({ package: null, usage: [] });
    const res = await packageOrder(['home_haircut']);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/holds no service package/);
    expect(await t.db.kysely.selectFrom('orders').select('id').where('payer', '=', 'package').execute()).toEqual([]);
  });

  it('lets registry staff give a package, shows it to the family, and audits it', async () => {
    const set = await t.as('community', { method: 'PUT', url: url(), payload: { packageId: basic } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ elderId: f.elder.id, package: { id: basic, name: '基础照料套餐', monthlyPriceFen: 30000 }, endsOn: null });
    expect(set.json().usage).toContainEqual({ itemId: f.item('home_haircut').id, name: expect.any(String), monthlyQuota: 1, used: 0 });
    expect((await t.as('family', { method: 'GET', url: url() })).json().package.id).toBe(basic);
    expect((await t.as('family', { method: 'PUT', url: url(), payload: { packageId: basic } })).statusCode).toBe(403);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_username']).where('action', '=', 'elder.package_set').execute();
    expect(audit).toEqual([{ action: 'elder.package_set', actor_username: 'community' }]);
  });

  it('refuses an order once the item’s monthly quota is used up, and gives the turn back on cancel', async () => {
    const first = await packageOrder(['home_haircut'], 1, 9);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().payer).toBe('package');
    const second = await packageOrder(['home_haircut'], 1, 14);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'CONFLICT', details: { itemId: f.item('home_haircut').id, monthlyQuota: 1, used: 1 } });
    expect(second.json().error.message).toMatch(/used up/);
    const usage = (await t.as('community', { method: 'GET', url: url() })).json().usage;
    // The order is for tomorrow: counted in this month unless today is the month's last day.
    const tomorrowThisMonth = localAt(9, 1).slice(0, 7) === localAt(9, 0).slice(0, 7);
    if (tomorrowThisMonth) expect(usage.find((u: { itemId: string }) => u.itemId === f.item('home_haircut').id).used).toBe(1);
    await api.post('family', first.json().id, 'cancel', { reason: '改期' });
    expect((await packageOrder(['home_haircut'], 1, 14)).statusCode).toBe(201);
    // Paid by the elder, the same item is not limited by the package.
    expect((await t.as('family', { method: 'POST', url: '/api/v1/orders', payload: { elderId: f.elder.id, itemIds: [f.item('home_haircut').id], window: { start: localAt(16, 1), end: localAt(17, 1) } } })).statusCode).toBe(201);
  });

  it('refuses an item the package does not include, creating nothing', async () => {
    const before = await t.db.kysely.selectFrom('orders').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const res = await packageOrder(['room_cleaning', 'lunch_delivery'], 2);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject({ field: 'itemIds', itemId: f.item('lunch_delivery').id });
    expect(await t.db.kysely.selectFrom('orders').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('refuses bad input and elders outside the caller’s area', async () => {
    const put = (payload: unknown, u = url()) => t.as('community', { method: 'PUT', url: u, payload: payload as object });
    expect((await put({ packageId: 'x' })).statusCode).toBe(400);
    expect((await put({})).statusCode).toBe(400);
    expect((await put({ packageId: basic, extra: 1 })).statusCode).toBe(400);
    expect((await put({ packageId: basic, startsOn: '2026-05-02', endsOn: '2026-05-01' })).statusCode).toBe(400);
    expect((await put({ packageId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    const elsewhere = await t.db.kysely
      .selectFrom('elders as e')
      .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
      .select('e.id')
      .where(sql<boolean>`not (u.path <@ (select path from org_units where name = '湖滨街道'))`)
      .executeTakeFirstOrThrow();
    const foreign = await put({ packageId: basic }, `/api/v1/elders/${elsewhere.id}/package`);
    expect(foreign.statusCode).toBe(404);
    expect((await t.as('community', { method: 'GET', url: `/api/v1/elders/${elsewhere.id}/package` })).statusCode).toBe(404);
    expect(await t.db.kysely.selectFrom('elder_packages').select('elder_id').where('elder_id', '=', elsewhere.id).execute()).toEqual([]);
  });

  it('generates a package-paid care plan only up to the monthly quota', async () => {
    const plan = await t.as('community', {
      method: 'POST',
      url: '/api/v1/care-plans',
      payload: { elderId: f.elder.id, itemIds: [f.item('chatting').id], rrule: 'FREQ=DAILY', startTime: '15:00', durationMinutes: 60, startsOn: localAt(12, 1).slice(0, 10), payer: 'package' },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const orders = await t.db.kysely.selectFrom('orders').select('window_start').where('plan_id', '=', plan.json().id).execute();
    const perMonth = new Map<string, number>();
    for (const o of orders) {
      const m = new Date(o.window_start.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      perMonth.set(m, (perMonth.get(m) ?? 0) + 1);
    }
    expect(orders.length).toBeGreaterThan(0);
    for (const n of perMonth.values()) expect(n).toBeLessThanOrEqual(4);
  });

  it('audits what a change replaced and what an end ended, and gives no package to an elder no longer served', async () => {
    const other = await t.db.kysely
      .selectFrom('elders as e')
      .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
      .select('e.id')
      .where('e.id', '!=', f.elder.id)
      .where('e.status', '=', 'active')
      .where(sql<boolean>`u.path <@ (select path from org_units where id = ${f.elder.org_unit_id})`)
      .executeTakeFirstOrThrow();
    const meals = (await t.db.kysely.selectFrom('service_packages').select('id').where('name', '=', '助餐套餐').executeTakeFirstOrThrow()).id;
    const u = `/api/v1/elders/${other.id}/package`;
    const lastAudit = async (action: string) =>
      (await t.db.kysely.selectFrom('audit_log').select('details').where('action', '=', action).where('entity_id', '=', other.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).details;
    expect((await t.as('community', { method: 'PUT', url: u, payload: { packageId: basic, startsOn: '2026-01-01' } })).statusCode).toBe(200);
    expect(await lastAudit('elder.package_set')).toMatchObject({ packageId: basic, previous: null });
    const changed = await t.as('community', { method: 'PUT', url: u, payload: { packageId: meals, startsOn: '2026-02-01', endsOn: '2026-12-31' } });
    expect(changed.json()).toMatchObject({ package: { id: meals, name: '助餐套餐' }, startsOn: '2026-02-01', endsOn: '2026-12-31' });
    expect(await lastAudit('elder.package_set')).toMatchObject({ packageId: meals, previous: { packageId: basic, startsOn: '2026-01-01', endsOn: null } });
    expect((await t.as('community', { method: 'DELETE', url: u })).statusCode).toBe(200);
    expect(await lastAudit('elder.package_remove')).toMatchObject({ packageId: meals, startsOn: '2026-02-01', endsOn: '2026-12-31' });

    expect((await t.as('community', { method: 'POST', url: `/api/v1/elders/${other.id}/status`, payload: { status: 'deceased' } })).statusCode).toBe(200);
    const refused = await t.as('community', { method: 'PUT', url: u, payload: { packageId: basic } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ elderStatus: 'deceased' });
    expect(await t.db.kysely.selectFrom('elder_packages').select('elder_id').where('elder_id', '=', other.id).execute()).toEqual([]);
  });

  it('ends the package', async () => {
    expect((await t.as('community', { method: 'DELETE', url: url() })).json()).toMatchObject({ package: null });
    expect((await t.as('community', { method: 'DELETE', url: url() })).statusCode).toBe(404);
    expect((await packageOrder(['chatting'], 3)).statusCode).toBe(400);
  });
});
