import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { orderApi, orderFixtures, type OrderFixtures } from './orders.helpers.js';
import { streamAs, type Message } from './stream-client.js';

describe('live order feed', () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixtures(t);
    api = orderApi(t, f);
    await t.app.startBackground();
    url = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('tells the operator, the assigned helper, its provider and the elder’s family — and nobody else', async () => {
    const sockets = {
      operator: await streamAs(url, await t.token('operator')),
      caregiver: await streamAs(url, await t.token('caregiver')),
      provider: await streamAs(url, await t.token('provider')),
      family: await streamAs(url, await t.token('family')),
      responder: await streamAs(url, await t.token('responder')),
    };
    const id = (await api.create()).json().id as string;
    const created = (m: Message) => m.topic === 'orders.created' && m.data.orderId === id;
    await sockets.operator.next(created);
    await sockets.family.next(created);
    await api.post('operator', id, 'dispatch', { staffId: f.staffId });
    const dispatched = (m: Message) => m.topic === 'orders.state_changed' && m.data.orderId === id && m.data.to === 'dispatched';
    for (const s of [sockets.operator, sockets.caregiver, sockets.provider, sockets.family]) {
      expect((await s.next(dispatched)).data).toMatchObject({ elderId: f.elder.id, from: 'requested', action: 'dispatch' });
    }
    await api.post('caregiver', id, 'accept');
    await sockets.family.next((m) => m.data.orderId === id && m.data.to === 'accepted');
    // Events travel in commit order, so once the family heard of the accept the responder would have too.
    await sockets.operator.next((m) => m.data.orderId === id && m.data.to === 'accepted');
    expect(sockets.responder.messages.filter((m) => m.topic.startsWith('orders.'))).toEqual([]);
    // The caregiver hears nothing of an order that was never theirs.
    expect(sockets.caregiver.messages.some(created)).toBe(false);
    for (const s of Object.values(sockets)) s.close();
  });

  it('tells the helper an order was taken away from them', async () => {
    const caregiver = await streamAs(url, await t.token('caregiver'));
    const id = await api.driveTo('dispatched');
    await api.post('operator', id, 'cancel', { reason: '家属已自行安排' });
    const cancelled = await caregiver.next((m) => m.data.orderId === id && m.data.to === 'cancelled');
    expect(cancelled.data).toMatchObject({ from: 'dispatched', elderId: f.elder.id });
    caregiver.close();
  });
});
