import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records sign-ins and failed sign-ins with the address', async () => {
    await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'street', password: 'wrong-one-here' }, remoteAddress: '10.1.2.3' });
    await t.token('street');
    const res = await t.as('admin', { method: 'GET', url: '/api/v1/audit?action=auth.login' });
    const actions = (res.json().items as { action: string; ip: string; details: { username?: string } | null }[]);
    expect(actions.some((a) => a.action === 'auth.login_failed' && a.ip === '10.1.2.3' && a.details?.username === 'street')).toBe(true);
    expect(actions.some((a) => a.action === 'auth.login')).toBe(true);
  });

  it('keeps every successful write, and a street admin sees only its own street’s entries', async () => {
    const own = await t.unitId('东坡社区');
    const other = (await t.db.kysely.selectFrom('org_units as o').innerJoin('org_units as p', 'p.id', 'o.parent_id').select('o.id').where('p.name', '=', '清波街道').executeTakeFirstOrThrow()).id;
    await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${own}`, payload: { location: { lat: 30.25, lng: 120.16 } } });
    await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${other}`, payload: { location: { lat: 30.25, lng: 120.16 } } });
    const street = await t.as('street', { method: 'GET', url: '/api/v1/audit?entityType=org_unit' });
    const ids = (street.json().items as { entityId: string }[]).map((e) => e.entityId);
    expect(ids).toContain(own);
    expect(ids).not.toContain(other);
    const admin = await t.as('admin', { method: 'GET', url: '/api/v1/audit?entityType=org_unit&pageSize=200' });
    expect((admin.json().items as { entityId: string }[]).map((e) => e.entityId)).toEqual(expect.arrayContaining([own, other]));
  });

  it('narrows to the area picked in the header: its subtree only, entries with no unit drop out', async () => {
    const street = await t.unitId('湖滨街道');
    const own = await t.unitId('东坡社区');
    const other = await t.unitId('清波街道');
    await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${own}`, payload: { location: { lat: 30.26, lng: 120.17 } } });
    await t.as('admin', { method: 'PATCH', url: `/api/v1/org-units/${other}`, payload: { location: { lat: 30.24, lng: 120.15 } } });
    const search = (user: string, query: string) => t.as(user, { method: 'GET', url: `/api/v1/audit?pageSize=200&${query}` });

    const narrowed = await search('admin', `entityType=org_unit&orgUnitId=${street}`);
    expect(narrowed.statusCode).toBe(200);
    const ids = (narrowed.json().items as { entityId: string }[]).map((e) => e.entityId);
    expect(ids).toContain(own);
    expect(ids).not.toContain(other);
    expect((await search('street', `entityType=org_unit&orgUnitId=${own}`)).json().items.map((e: { entityId: string }) => e.entityId)).toContain(own);

    // A failed sign-in belongs to no unit: the district sees it unnarrowed, not inside an area.
    await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'wrong-one-here' } });
    expect((await search('admin', 'action=auth.login_failed')).json().total).toBeGreaterThan(0);
    expect((await search('admin', `action=auth.login_failed&orgUnitId=${await t.unitId('颐和区')}`)).json().total).toBe(0);
  });

  it('a unit outside the caller\'s area answers 404 like a missing one; a malformed id is 400', async () => {
    const other = await t.unitId('清波街道');
    const foreign = await t.as('street', { method: 'GET', url: `/api/v1/audit?orgUnitId=${other}` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).not.toHaveProperty('items');
    const missing = await t.as('street', { method: 'GET', url: '/api/v1/audit?orgUnitId=00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual(foreign.json().error);
    expect((await t.as('street', { method: 'GET', url: '/api/v1/audit?orgUnitId=nope' })).statusCode).toBe(400);
  });

  it('cannot be altered or deleted, even by SQL', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
  });

  it('rejects bad filters', async () => {
    expect((await t.as('admin', { method: 'GET', url: '/api/v1/audit?from=yesterday' })).statusCode).toBe(400);
    expect((await t.as('admin', { method: 'GET', url: '/api/v1/audit?pageSize=100000' })).statusCode).toBe(400);
  });
});
