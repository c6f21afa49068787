import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

describe('catalog and providers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves 8 categories and 60+ items with price, duration and skills, and the packages', async () => {
    const res = await t.as('family', { method: 'GET', url: '/api/v1/service-items' });
    expect(res.statusCode).toBe(200);
    const { categories, items } = res.json();
    expect(categories).toHaveLength(8);
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items.find((i: { code: string }) => i.code === 'home_bathing')).toMatchObject({ name: '上门助浴', priceFen: 12000, expectedMinutes: 90, skills: ['bathing'] });
    const meals = await t.as('family', { method: 'GET', url: '/api/v1/service-items?categoryCode=meals' });
    expect(meals.json().items.every((i: { categoryCode: string }) => i.categoryCode === 'meals')).toBe(true);
    const pkgs = (await t.as('operator', { method: 'GET', url: '/api/v1/service-packages' })).json().items;
    expect(pkgs.find((p: { name: string }) => p.name === '助餐套餐').items).toEqual([expect.objectContaining({ name: '送餐上门（午餐）', monthlyQuota: 22 })]);
  });

  it('lets only the bureau change the catalog', async () => {
    const items = (await t.as('admin', { method: 'GET', url: '/api/v1/service-items' })).json().items;
    const haircut = items.find((i: { code: string }) => i.code === 'home_haircut');
    expect((await t.as('community', { method: 'PATCH', url: `/api/v1/service-items/${haircut.id}`, payload: { priceFen: 2500 } })).statusCode).toBe(403);
    const res = await t.as('admin', { method: 'PATCH', url: `/api/v1/service-items/${haircut.id}`, payload: { priceFen: 2500 } });
    expect(res.json()).toMatchObject({ priceFen: 2500, skills: ['haircut'] });
    expect((await t.as('admin', { method: 'PATCH', url: `/api/v1/service-items/${haircut.id}`, payload: { priceFen: -1 } })).statusCode).toBe(400);
    expect((await t.as('admin', { method: 'PATCH', url: `/api/v1/service-items/${haircut.id}`, payload: {} })).statusCode).toBe(400);
    expect((await t.as('admin', { method: 'POST', url: '/api/v1/service-items', payload: { code: 'home_haircut', categoryCode: 'laundry_haircut', name: '理发', unit: '次', priceFen: 1, expectedMinutes: 30 } })).statusCode).toBe(409);
    expect((await t.as('admin', { method: 'POST', url: '/api/v1/service-items', payload: { code: 'x_y', categoryCode: 'nope', name: '理发', unit: '次', priceFen: 1, expectedMinutes: 30 } })).statusCode).toBe(400);
    const pkg = await t.as('admin', { method: 'POST', url: '/api/v1/service-packages', payload: { name: '理发套餐', monthlyPriceFen: 2000, items: [{ itemId: haircut.id, monthlyQuota: 1 }] } });
    expect(pkg.statusCode).toBe(201);
  });

  it('shows providers by scope, with items, teams and staff', async () => {
    const all = (await t.as('admin', { method: 'GET', url: '/api/v1/providers' })).json().items;
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.map((p: { kind: string }) => p.kind).sort()).toEqual(expect.arrayContaining(['organisation', 'canteen', 'merchant']));
    const own = (await t.as('provider', { method: 'GET', url: '/api/v1/providers' })).json().items;
    expect(own).toHaveLength(1);
    expect(own[0].coveredUnitName).toBe('湖滨街道');
    const total = (await t.as('admin', { method: 'GET', url: '/api/v1/service-items' })).json().items.length;
    expect(own[0].items).toHaveLength(total);
    const community = (await t.as('community', { method: 'GET', url: '/api/v1/providers' })).json().items;
    // 东坡社区 sees its street's centre, its canteen and its merchants, not the other streets' centres.
    expect(community.some((p: { name: string }) => p.name.startsWith('湖滨'))).toBe(true);
    expect(community.length).toBeLessThan(all.length);
    const staff = (await t.as('provider', { method: 'GET', url: `/api/v1/providers/${own[0].id}/staff` })).json().items;
    const me = (await t.as('caregiver', { method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(staff.find((s: { id: string }) => s.id === me.staffId)).toMatchObject({ name: '李秀英', onDuty: true });
    const other = all.find((p: { id: string }) => p.id !== own[0].id);
    expect((await t.as('provider', { method: 'GET', url: `/api/v1/providers/${other.id}` })).statusCode).toBe(404);
    // A caregiver goes off duty itself, but cannot change its skills.
    expect((await t.as('caregiver', { method: 'PATCH', url: `/api/v1/staff/${me.staffId}`, payload: { onDuty: false } })).json().onDuty).toBe(false);
    expect((await t.as('caregiver', { method: 'PATCH', url: `/api/v1/staff/${me.staffId}`, payload: { skills: ['legal'] } })).statusCode).toBe(400);
    expect((await t.as('admin', { method: 'POST', url: '/api/v1/providers', payload: { name: '某商家', kind: 'merchant', coveredUnitId: own[0].coveredUnitId } })).statusCode).toBe(400);
  });

  it('rejects bad provider and staff input, and keeps other providers’ staff out of reach', async () => {
    const own = (await t.as('provider', { method: 'GET', url: '/api/v1/providers' })).json().items[0];
    const base = { lat: 30.2, lng: 120.1 };
    const bad: [Record<string, unknown>, number][] = [
      [{ name: '张三', base, workStart: '18:00', workEnd: '08:00' }, 400],
      [{ name: '张三', base: { lat: 200, lng: 120 } }, 400],
      [{ name: '张三', base, skills: ['flying'] }, 400],
      [{ name: 'x'.repeat(41), base }, 400],
      [{ base }, 400],
      [{ name: '张三', base, teamId: '00000000-0000-4000-8000-000000000000' }, 404],
    ];
    for (const [payload, status] of bad) {
      expect((await t.as('provider', { method: 'POST', url: `/api/v1/providers/${own.id}/staff`, payload })).statusCode, JSON.stringify(payload)).toBe(status);
    }
    const added = await t.as('provider', { method: 'POST', url: `/api/v1/providers/${own.id}/staff`, payload: { name: '新助老员', base, skills: ['cleaning'], teamId: own.teams[0].id } });
    expect(added.statusCode).toBe(201);
    const all = (await t.as('admin', { method: 'GET', url: '/api/v1/providers' })).json().items;
    const other = all.find((p: { id: string }) => p.id !== own.id);
    expect((await t.as('provider', { method: 'POST', url: `/api/v1/providers/${other.id}/staff`, payload: { name: '越权', base } })).statusCode).toBe(404);
    const otherStaff = (await t.as('admin', { method: 'GET', url: `/api/v1/providers/${other.id}/staff` })).json().items[0];
    expect((await t.as('provider', { method: 'PATCH', url: `/api/v1/staff/${otherStaff.id}`, payload: { onDuty: false } })).statusCode).toBe(404);
    expect((await t.as('community', { method: 'POST', url: '/api/v1/providers', payload: { name: '社区自建', kind: 'organisation', coveredUnitId: own.coveredUnitId } })).statusCode).toBe(403);
    const street = (await t.db.kysely.selectFrom('org_units').select('id').where('level', '=', 'street').where('name', '!=', '湖滨街道').executeTakeFirstOrThrow()).id;
    expect((await t.as('admin', { method: 'POST', url: '/api/v1/providers', payload: { name: '重名', kind: 'organisation', coveredUnitId: street, items: [{ itemId: '00000000-0000-4000-8000-000000000000', priceFen: 1 }] } })).statusCode).toBe(400);
  });
});
