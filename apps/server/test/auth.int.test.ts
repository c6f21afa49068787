import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from './harness.js';

describe('sign-in, sessions and lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

  it('signs in with a token, an HttpOnly SameSite cookie, and the user with role and org unit', async () => {
    const res = await login('community', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'community', role: 'community' });
    expect(body.user.orgUnitId).toBe(await t.unitId('东坡社区'));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/yiyang_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    // The cookie alone authenticates.
    const token = cookie.match(/yiyang_session=([^;]+)/)![1];
    const me = await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { yiyang_session: token! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('community');
  });

  it('links family, caregiver and responder accounts in /auth/me', async () => {
    const me = await t.as('family', { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json()).toHaveProperty('elderIds');
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await login('street', 'nope-nope-nope');
    const ghost = await login('no-such-user', 'nope-nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(ghost.statusCode).toBe(401);
    expect(wrong.json()).toEqual(ghost.json());
  });

  it('locks an account for 15 minutes after five wrong passwords, without telling whether it exists', async () => {
    for (let i = 0; i < 4; i++) expect((await login('grid', 'wrong-password')).statusCode).toBe(401);
    const fifth = await login('grid', 'wrong-password');
    expect(fifth.statusCode).toBe(429);
    // Even the right password is refused while locked.
    const right = await login('grid', TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.message).toMatch(/15 minutes/);
    // A made-up username locks the same way.
    for (let i = 0; i < 5; i++) await login('ghost-user', 'wrong-password');
    const ghost = await login('ghost-user', 'wrong-password');
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json()).toEqual(right.json());
    // The lock expires.
    await t.db.kysely.updateTable('login_throttle').set({ locked_until: new Date(Date.now() - 1000) }).where('username', '=', 'grid').execute();
    expect((await login('grid', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after 30 minutes idle and on logout', async () => {
    const res = await login('operator', TEST_PASSWORD);
    const token = res.json().token as string;
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(200);
    await t.db.kysely.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', res.json().user.id).execute();
    const expired = await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired/);

    const again = (await login('operator', TEST_PASSWORD)).json().token as string;
    const out = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${again}` } });
    expect(out.statusCode).toBe(200);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${again}` } })).statusCode).toBe(401);
  });

  it('enforces the password policy on new passwords', async () => {
    const weak = await t.as('street', { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.problems.length).toBeGreaterThan(0);
    const user = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'newworker', displayName: '新同事', role: 'community', orgUnitId: await t.unitId('东坡社区'), password: 'alllowercase' },
    });
    expect(user.statusCode).toBe(400);
  });

  it('lets an administrator create an account that can then sign in', async () => {
    const res = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'wang.li', displayName: '王丽', role: 'grid', orgUnitId: await t.unitId('第二网格', '东坡社区'), password: 'Gr1d-Worker-2026' },
    });
    expect(res.statusCode).toBe(201);
    expect((await login('wang.li', 'Gr1d-Worker-2026')).statusCode).toBe(200);
    const dup = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'wang.li', displayName: '王丽', role: 'grid', orgUnitId: await t.unitId('第二网格', '东坡社区'), password: 'Gr1d-Worker-2026' },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses user management to roles without it', async () => {
    const res = await t.as('community', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'sneaky', displayName: 'x', role: 'admin', orgUnitId: await t.unitId('颐和区'), password: 'Sneaky-Pass-2026' },
    });
    expect(res.statusCode).toBe(403);
  });

  describe('the users list follows the area picked in the header', () => {
    const list = async (user: string, query: string) => t.as(user, { method: 'GET', url: `/api/v1/users?pageSize=200${query}` });
    const subtreeOf = async (unitId: string) =>
      new Set(((await t.as('admin', { method: 'GET', url: `/api/v1/org-units?rootId=${unitId}` })).json().items as { id: string }[]).map((u) => u.id));

    it('narrows to the picked unit\'s subtree, for the district and for a street', async () => {
      const community = await t.unitId('东坡社区');
      const inside = await subtreeOf(community);
      const all = (await list('admin', '')).json();
      const narrowed = (await list('admin', `&orgUnitId=${community}`)).json();
      const names = (narrowed.items as { username: string; orgUnitId: string }[]).map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['community', 'grid', 'caregiver', 'responder', 'family']));
      expect(names).not.toContain('street');
      expect(names).not.toContain('admin');
      expect(names).not.toContain('operator');
      for (const u of narrowed.items as { orgUnitId: string }[]) expect(inside.has(u.orgUnitId)).toBe(true);
      expect(narrowed.total).toBe(narrowed.items.length);
      expect(narrowed.total).toBeLessThan(all.total);

      const byStreet = (await list('street', `&orgUnitId=${community}`)).json();
      expect((byStreet.items as { username: string }[]).map((u) => u.username).sort()).toEqual([...names].sort());
    });

    it('a unit outside the caller\'s area answers 404 like a missing one and lists nothing; a malformed id is 400', async () => {
      const foreign = await t.unitId('清波街道');
      const res = await list('street', `&orgUnitId=${foreign}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).not.toHaveProperty('items');
      const missing = await list('street', '&orgUnitId=00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error).toEqual(res.json().error);
      // The district sees that street, so there it narrows.
      expect((await list('admin', `&orgUnitId=${foreign}`)).statusCode).toBe(200);
      expect((await list('street', '&orgUnitId=not-a-unit')).statusCode).toBe(400);
    });
  });
});
