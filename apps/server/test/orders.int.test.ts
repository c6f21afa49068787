import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

/** Tomorrow (Asia/Shanghai) at hh:00 local, as ISO. */
export function localTomorrow(hour: number, plusDays = 1): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + plusDays, hour - 8));
  return d.toISOString();
}

export async function orderFixtures(t: TestApp) {
  const family = (await t.as('family', { method: 'GET', url: '/api/v1/auth/me' })).json();
  const elder = await t.db.kysely.selectFrom('elders').select(['id', 'lat', 'lng', 'org_unit_id']).where('id', '=', family.elderIds[0]).executeTakeFirstOrThrow() as { id: string; lat: number; lng: number; org_unit_id: string };
  const items = (await t.as('family', { method: 'GET', url: '/api/v1/service-items' })).json().items as { id: string; code: string; tasks: string[] }[];
  const item = (code: string) => items.find((i) => i.code === code)!;
  const me = (await t.as('caregiver', { method: 'GET', url: '/api/v1/auth/me' })).json();
  const staffId = me.staffId as string;
  return { elder, item, staffId };
}

describe('work orders', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof orderFixtures>>;
  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixtures(t);
  });
  afterAll(() => t.close());

  const create = async (user = 'family', hour = 10, itemCodes = ['room_cleaning']) =>
    t.as(user, { method: 'POST', url: '/api/v1/orders', payload: { elderId: f.elder.id, itemIds: itemCodes.map((c) => f.item(c).id), window: { start: localTomorrow(hour), end: localTomorrow(hour + 2) }, notes: '请敲门两次' } });
  const post = (user: string, id: string, action: string, payload?: unknown) =>
    t.as(user, { method: 'POST', url: `/api/v1/orders/${id}/${action}`, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('runs an order from request to review, recording every step', async () => {
    const res = await create();
        expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ state: 'requested', source: 'family', elderName: '张秀兰', totalFen: 6000 });
    expect(f.staffId).toBeTruthy();
    const dispatched = await post('operator', order.id, 'dispatch', { staffId: f.staffId });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', staffId: f.staffId, staffName: '李秀英' });
    expect(dispatched.json().dispatchExplanation.mode).toBe('manual');
    expect((await post('caregiver', order.id, 'accept')).json().state).toBe('accepted');
    expect((await post('caregiver', order.id, 'start')).json().state).toBe('en_route');
    const inService = await post('caregiver', order.id, 'check-in', { lat: f.elder.lat, lng: f.elder.lng });
    expect(inService.json()).toMatchObject({ state: 'in_service', visit: { outOfArea: false, checkInDistanceM: 0 } });
    const done = await post('caregiver', order.id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng, tasksDone: f.item('room_cleaning').tasks });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'completed', visit: { tooShort: true, durationMinutes: 0 } });
    expect((await post('family', order.id, 'confirm')).json()).toMatchObject({ state: 'confirmed', confirmedBy: 'family' });
    const reviewed = await post('family', order.id, 'review', { rating: 5, tags: ['准时', '细心'], comment: '很好' });
    expect(reviewed.json()).toMatchObject({ state: 'reviewed', review: { rating: 5, tags: ['准时', '细心'] } });
    const detail = (await t.as('operator', { method: 'GET', url: `/api/v1/orders/${order.id}` })).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'dispatch', 'accept', 'start', 'check_in', 'check_out', 'confirm', 'review']);
    expect(detail.timeline[1]).toMatchObject({ fromState: 'requested', toState: 'dispatched', actorRole: 'operator' });
    const staff = await t.db.kysely.selectFrom('staff').select('open_orders').where('id', '=', f.staffId).executeTakeFirstOrThrow();
    expect(staff.open_orders).toBe(0);
  });

  it('answers a refused transition with 409 and the current state', async () => {
    const order = (await create()).json();
    const res = await post('caregiver', order.id, 'check-in', { lat: 30, lng: 120 });
    // The caregiver cannot even see an order not assigned to it.
    expect(res.statusCode).toBe(404);
    const refused = await post('family', order.id, 'review', { rating: 4 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ state: 'requested' });
    const cancelled = await post('family', order.id, 'cancel', { reason: '家里临时有事' });
    expect(cancelled.json().state).toBe('cancelled');
    const again = await post('operator', order.id, 'dispatch');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.state).toBe('cancelled');
  });
});
