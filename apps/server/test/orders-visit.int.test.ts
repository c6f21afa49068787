import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './harness.js';
import { openOrderTest, type orderApi, type OrderFixtures } from './orders.helpers.js';

// A 1×1 PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('visit verification, callbacks and satisfaction', () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  beforeAll(async () => ({ t, f, api } = await openOrderTest()));
  afterAll(() => t.close());

  it('flags a check-in and check-out far from the elder’s home instead of accepting it silently', async () => {
    const id = await api.driveTo('accepted');
    const far = { lat: f.elder.lat + 0.005, lng: f.elder.lng }; // ~550 m north
    const res = await api.post('caregiver', id, 'check-in', far);
    expect(res.statusCode).toBe(200);
    expect(res.json().visit).toMatchObject({ outOfArea: true });
    expect(res.json().visit.checkInDistanceM).toBeGreaterThan(500);
    expect(res.json().timeline.at(-1).details).toMatchObject({ outOfArea: true, radiusM: 200 });
    const list = await t.as('operator', { method: 'GET', url: '/api/v1/orders/supervision?kind=out_of_area' });
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(id);
    // Inside a wider radius the same spot is fine.
    await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { geofenceRadiusM: 1000 } });
    const id2 = await api.driveTo('accepted', { hour: 14 });
    expect((await api.post('caregiver', id2, 'check-in', far)).json().visit.outOfArea).toBe(false);
    await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { geofenceRadiusM: 200 } });
  });

  it('ticks tasks, keeps the photo, computes the duration and sends the family a one-time code', async () => {
    const id = await api.driveTo('in_service', { hour: 15 });
    // Pretend the helper arrived 100 minutes ago.
    await t.db.kysely.updateTable('orders').set({ check_in_at: new Date(Date.now() - 100 * 60_000) }).where('id', '=', id).execute();
    expect((await api.post('caregiver', id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng, tasksDone: ['擦飞机'] })).statusCode).toBe(400);
    expect((await api.post('caregiver', id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng, photo: 'data:text/html;base64,AAAA' })).statusCode).toBe(400);
    const res = await api.post('caregiver', id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng, tasksDone: ['地面清扫拖洗', '垃圾清运'], photo: PNG });
    expect(res.statusCode).toBe(200);
    expect(res.json().visit).toMatchObject({ durationMinutes: 100, tooShort: false, tasksDone: ['地面清扫拖洗', '垃圾清运'], hasPhoto: true });
    const photo = await t.as('operator', { method: 'GET', url: `/api/v1/orders/${id}/photo` });
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.subarray(1, 4).toString()).toBe('PNG');

    const notes = await t.db.kysely.selectFrom('notification_outbox').selectAll().where('entity_type', '=', 'order').where('entity_id', '=', id).execute();
    // The elder's own phone and each emergency contact, masked for staff, encrypted for the sender.
    expect(notes.length).toBeGreaterThanOrEqual(2);
    for (const n of notes) {
      expect(n).toMatchObject({ channel: 'sms', subject: '【颐养】服务确认码', state: 'pending' });
      expect(n.recipient).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(n.recipient_enc).toMatch(/^v1:/);
    }
    const note = notes[0]!;
    const code = /确认码 (\d{6})/.exec(note.body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await api.post('caregiver', id, 'confirm', { code: wrong })).statusCode).toBe(400);
    const ok = await api.post('caregiver', id, 'confirm', { code });
    expect(ok.json()).toMatchObject({ state: 'confirmed', confirmedBy: 'code' });
  });

  it('voids the code after five wrong guesses', async () => {
    const id = await api.driveTo('completed', { hour: 19 });
    const note = await t.db.kysely.selectFrom('notification_outbox').select('body').where('entity_type', '=', 'order').where('entity_id', '=', id).limit(1).executeTakeFirstOrThrow();
    const code = /确认码 (\d{6})/.exec(note.body)![1]!;
    const wrong = (n: number) => String((Number(code) + n) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 5; i++) expect((await api.post('caregiver', id, 'confirm', { code: wrong(i) })).statusCode).toBe(400);
    const late = await api.post('caregiver', id, 'confirm', { code });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toMatch(/too many wrong codes/);
    expect((await api.get('operator', id)).json().state).toBe('completed');
    expect((await api.post('family', id, 'confirm')).json().state).toBe('confirmed');
  });

  it('lists visits that were too short and those still unconfirmed', async () => {
    const id = await api.driveTo('completed', { hour: 16 });
    const short = await t.as('operator', { method: 'GET', url: '/api/v1/orders/supervision?kind=too_short' });
    expect(short.json().items.map((o: { id: string }) => o.id)).toContain(id);
    const unconfirmed = await t.as('operator', { method: 'GET', url: '/api/v1/orders/supervision?kind=unconfirmed' });
    expect(unconfirmed.json().items.map((o: { id: string }) => o.id)).toContain(id);
    expect((await t.as('operator', { method: 'GET', url: '/api/v1/orders/supervision?kind=everything' })).statusCode).toBe(400);
    expect((await t.as('family', { method: 'GET', url: '/api/v1/orders/supervision?kind=too_short' })).statusCode).toBe(403);
  });

  it('draws the configured share of completed orders for callbacks, and satisfaction follows', async () => {
    await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { callbackShare: 0 } });
    const none = await api.driveTo('completed', { hour: 17 });
    expect(await t.db.kysely.selectFrom('callback_tasks').select('id').where('order_id', '=', none).executeTakeFirst()).toBeUndefined();
    await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { callbackShare: 1 } });
    const drawn = await api.driveTo('completed', { hour: 18 });
    const tasks = (await t.as('operator', { method: 'GET', url: '/api/v1/callbacks?state=open' })).json().items;
    const task = tasks.find((x: { orderId: string }) => x.orderId === drawn);
    expect(task).toMatchObject({ state: 'open', elderName: '张秀兰', itemNames: ['居室清洁'] });
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/callbacks/${task.id}`, payload: { satisfaction: 9 } })).statusCode).toBe(400);
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/callbacks/${task.id}`, payload: { satisfaction: 5, note: '老人很满意' } })).statusCode).toBe(200);
    expect((await t.as('operator', { method: 'POST', url: `/api/v1/callbacks/${task.id}`, payload: { satisfaction: 4 } })).statusCode).toBe(409);
    expect((await t.as('community', { method: 'GET', url: '/api/v1/callbacks' })).statusCode).toBe(403);
    await api.post('family', drawn, 'confirm');
    await api.post('family', drawn, 'review', { rating: 4 });
    const sat = (await t.as('operator', { method: 'GET', url: '/api/v1/orders/satisfaction' })).json();
    const provider = sat.providers.find((p: { name: string }) => p.name.startsWith('湖滨'));
    expect(provider).toMatchObject({ callbacks: 1, satisfiedShare: 1, reviews: 1, avgRating: 4 });
    expect(sat.items.find((i: { name: string }) => i.name === '居室清洁')).toMatchObject({ callbacks: 1 });
    await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { callbackShare: 0.1 } });
    expect((await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { callbackShare: 2 } })).statusCode).toBe(400);
    expect((await t.as('operator', { method: 'PATCH', url: '/api/v1/order-settings', payload: { callbackShare: 0.2 } })).statusCode).toBe(403);
  });
});
