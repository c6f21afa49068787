import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

describe('organisation tree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('models the demo district: 1 district, 6 streets, 64 communities, grids and compounds', async () => {
    const res = await t.as('admin', { method: 'GET', url: '/api/v1/org-units' });
    const items = res.json().items as { level: string; parentId: string | null }[];
    const count = (l: string) => items.filter((u) => u.level === l).length;
    expect(count('district')).toBe(1);
    expect(count('street')).toBe(6);
    expect(count('community')).toBe(64);
    expect(count('grid')).toBeGreaterThanOrEqual(64 * 3);
    expect(count('compound')).toBeGreaterThanOrEqual(count('grid') * 2);
  });

  it('returns a nested tree rooted at the caller’s own unit', async () => {
    const res = await t.as('community', { method: 'GET', url: '/api/v1/org-units?shape=tree' });
    const roots = res.json().roots as { name: string; level: string; children: unknown[] }[];
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ name: '东坡社区', level: 'community' });
    expect(roots[0]!.children.length).toBeGreaterThanOrEqual(3);
  });

  it('creates a unit one level below its parent and refuses a duplicate sibling name', async () => {
    const parentId = await t.unitId('东坡社区');
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/org-units', payload: { parentId, name: '第九网格', location: { lat: 30.27, lng: 120.15 } } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '第九网格', level: 'grid', parentId });
    const dup = await t.as('admin', { method: 'POST', url: '/api/v1/org-units', payload: { parentId, name: '第九网格' } });
    expect(dup.statusCode).toBe(409);
  });

  it('moves a community with its whole subtree, keeping every record under it attached', async () => {
    const community = await t.unitId('青年社区');
    const target = await t.unitId('清波街道');
    const before = await t.as('admin', { method: 'GET', url: `/api/v1/org-units?rootId=${community}` });
    const subtree = (before.json().items as { id: string }[]).map((u) => u.id).sort();
    // A user bound to a grid inside the community stays attached to the same grid.
    const grid = await t.unitId('第一网格', '青年社区');
    const user = await t.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username: 'qn.grid', displayName: '青年网格员', role: 'grid', orgUnitId: grid, password: 'Qingnian-Grid-26' } });
    expect(user.statusCode).toBe(201);

    const moved = await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${community}`, payload: { parentId: target } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentId).toBe(target);
    const after = await t.as('admin', { method: 'GET', url: `/api/v1/org-units?rootId=${target}` });
    const underTarget = new Set((after.json().items as { id: string }[]).map((u) => u.id));
    for (const id of subtree) expect(underTarget.has(id)).toBe(true);
    // The old street's admin no longer sees it; the grid worker still sees its grid.
    expect((await t.as('street', { method: 'GET', url: `/api/v1/org-units/${community}` })).statusCode).toBe(404);
    const login = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'qn.grid', password: 'Qingnian-Grid-26' } });
    const me = login.json().user;
    expect(me.orgUnitId).toBe(grid);
  });

  it('refuses a move across levels or into its own subtree', async () => {
    const community = await t.unitId('东坡社区');
    const grid = await t.unitId('第一网格', '东坡社区');
    const intoSelf = await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${community}`, payload: { parentId: grid } });
    expect(intoSelf.statusCode).toBe(400);
    const district = await t.unitId('颐和区');
    const wrongLevel = await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${community}`, payload: { parentId: district } });
    expect(wrongLevel.statusCode).toBe(400);
  });

  it('renames a unit and writes who did it to the audit log', async () => {
    const id = await t.unitId('第三网格', '东坡社区');
    const res = await t.as('street', { method: 'PATCH', url: `/api/v1/org-units/${id}`, payload: { name: '第三网格（老城片）' } });
    expect(res.statusCode).toBe(200);
    const audit = await t.as('admin', { method: 'GET', url: `/api/v1/audit?entityId=${id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'org_unit.update', actorUsername: 'street', details: { name: { to: '第三网格（老城片）' } } });
  });

  it('rejects bad input: wrong types, missing fields, empty patch', async () => {
    for (const payload of [{}, { parentId: 5, name: 'x' }, { parentId: 'not-a-uuid', name: 'x' }, { parentId: await t.unitId('东坡社区') }]) {
      expect((await t.as('admin', { method: 'POST', url: '/api/v1/org-units', payload })).statusCode).toBe(400);
    }
    const empty = await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${await t.unitId('东坡社区')}`, payload: {} });
    expect(empty.statusCode).toBe(400);
  });
});
