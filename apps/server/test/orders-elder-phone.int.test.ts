import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { orderApi, orderFixtures, type OrderFixtures } from './orders.helpers.js';

describe("the elder's phone for the visit", () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  let fullPhone: string;
  const phoneOf = (user: string, id: string) => t.as(user, { method: 'POST', url: `/api/v1/orders/${id}/elder-phone` });
  const views = (orderId: string) =>
    t.db.kysely.selectFrom('audit_log').select(['action', 'actor_username', 'entity_id', 'details']).where('action', '=', 'elder.phone_view').where(sql<boolean>`details->>'orderId' = ${orderId}`).execute();

  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixtures(t);
    api = orderApi(t, f);
    fullPhone = (await t.as('operator', { method: 'POST', url: `/api/v1/elders/${f.elder.id}/reveal`, payload: { fields: ['phone'] } })).json().phone;
    // A second helper of the same provider, with an account of its own.
    const mine = await t.db.kysely.selectFrom('staff').select(['provider_id']).where('id', '=', f.staffId).executeTakeFirstOrThrow();
    const other = await t.db.kysely.selectFrom('staff').select('id').where('provider_id', '=', mine.provider_id).where('id', '!=', f.staffId).where('user_id', 'is', null).executeTakeFirstOrThrow();
    const me = await t.db.kysely.selectFrom('users').select(['password_hash', 'org_unit_id', 'provider_id']).where('username', '=', 'caregiver').executeTakeFirstOrThrow();
    const user = await t.db.kysely.insertInto('users').values({ username: 'caregiver2', display_name: '王护工', role: 'caregiver', org_unit_id: me.org_unit_id, password_hash: me.password_hash, provider_id: me.provider_id, staff_id: other.id }).returning('id').executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('staff').set({ user_id: user.id }).where('id', '=', other.id).execute();
  });
  afterAll(() => t.close());

  it('gives the assigned helper the whole number from accepting until checking out, and audits each view', async () => {
    expect(fullPhone).toMatch(/^1\d{10}$/);
    const id = await api.driveTo('accepted');
    const accepted = await phoneOf('caregiver', id);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ elderName: '张秀兰', phone: fullPhone });
    await api.post('caregiver', id, 'start');
    expect((await phoneOf('caregiver', id)).json().phone).toBe(fullPhone);
    await api.post('caregiver', id, 'check-in', { lat: f.elder.lat, lng: f.elder.lng });
    expect((await phoneOf('caregiver', id)).json().phone).toBe(fullPhone);
    const audited = await views(id);
    expect(audited).toHaveLength(3);
    expect(audited[0]).toMatchObject({ actor_username: 'caregiver', entity_id: f.elder.id, details: { orderId: id, via: 'assigned_helper', shown: true } });
    expect(audited.map((a) => (a.details as { orderState: string }).orderState).sort()).toEqual(['accepted', 'en_route', 'in_service']);
  });

  it('refuses the helper before accepting and after checking out, with 404 and no audit entry', async () => {
    const dispatched = await api.driveTo('dispatched');
    expect((await phoneOf('caregiver', dispatched)).statusCode).toBe(404);
    const completed = await api.driveTo('completed');
    const after = await phoneOf('caregiver', completed);
    expect(after.statusCode).toBe(404);
    expect(JSON.stringify(after.json())).not.toContain(fullPhone);
    expect(await views(dispatched)).toEqual([]);
    expect(await views(completed)).toEqual([]);
  });

  it('refuses another helper, the provider account and the family with 404', async () => {
    const id = await api.driveTo('in_service');
    for (const user of ['caregiver2', 'provider', 'family']) {
      const res = await phoneOf(user, id);
      expect(res.statusCode, user).toBe(404);
      expect(JSON.stringify(res.json())).not.toContain(fullPhone);
    }
    expect(await views(id)).toEqual([]);
  });

  it('gives the number to registry staff who may reveal it in their area, audited, and to nobody outside it', async () => {
    const id = await api.driveTo('completed');
    const res = await phoneOf('operator', id);
    expect(res.json()).toEqual({ elderName: '张秀兰', phone: fullPhone });
    expect(await views(id)).toMatchObject([{ actor_username: 'operator', details: { via: 'elders.reveal' } }]);
    // The grid worker sees the order but numbers only masked.
    expect((await phoneOf('grid', id)).statusCode).toBe(404);
    expect((await phoneOf('operator', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await phoneOf('operator', 'not-a-uuid')).statusCode).toBe(400);
  });
});
