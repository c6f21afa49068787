import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createTestApp, testConfig, type TestApp } from './harness.js';
import { localAt, orderApi, orderFixtures, type OrderFixtures } from './orders.helpers.js';

/**
 * Dispatch rules on a controlled field: a service item only two test providers offer, and staff
 * placed so each hard rule excludes exactly one of them.
 */
describe('dispatch', () => {
  let t: TestApp;
  let f: OrderFixtures;
  let api: ReturnType<typeof orderApi>;
  let itemCode: string;
  const staff: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    f = await orderFixtures(t);
    api = orderApi(t, f);
    const item = await t.as('admin', { method: 'POST', url: '/api/v1/service-items', payload: { code: 'grief_support', categoryCode: 'companionship', name: '丧亲陪伴', unit: '次', priceFen: 5000, expectedMinutes: 60, skills: ['counselling'], tasks: ['倾听'] } });
    expect(item.statusCode).toBe(201);
    itemCode = 'grief_support';
    f.items.push(item.json());
    const itemId = item.json().id;
    const dongpo = await t.unitId('东坡社区');
    const hubin = await t.unitId('湖滨街道');
    const otherStreet = (await t.db.kysely.selectFrom('org_units').select('id').where('level', '=', 'street').where('id', '!=', hubin).executeTakeFirstOrThrow()).id;
    const mk = async (name: string, coveredUnitId: string, rating: number) => {
      const res = await t.as('admin', { method: 'POST', url: '/api/v1/providers', payload: { name, kind: 'organisation', coveredUnitId, items: [{ itemId, priceFen: 5000 }] } });
      expect(res.statusCode).toBe(201);
      await t.db.kysely.updateTable('providers').set({ rating: rating.toFixed(2) }).where('id', '=', res.json().id).execute();
      return res.json().id as string;
    };
    const a = await mk('东坡心理服务社', dongpo, 4.0);
    const b = await mk('湖滨社工中心', hubin, 5.0);
    const c = await mk('别街社工中心', otherStreet, 5.0);
    const at = (dLat: number) => ({ lat: f.elder.lat + dLat, lng: f.elder.lng });
    const add = async (key: string, providerId: string, body: Record<string, unknown>) => {
      const res = await t.as('admin', { method: 'POST', url: `/api/v1/providers/${providerId}/staff`, payload: { name: key, skills: ['counselling'], workStart: '08:00', workEnd: '18:00', ...body } });
      expect(res.statusCode, res.body).toBe(201);
      staff[key] = res.json().id;
    };
    await add('近处A', a, { base: at(0.001) }); // cost 0 + ~0.06 + 1.0
    await add('两公里B', b, { base: at(0.018) }); // cost 0 + ~1.0 + 0
    await add('无技能', a, { base: at(0), skills: ['cleaning'] });
    await add('休息中', a, { base: at(0) });
    await add('下午班', a, { base: at(0), workStart: '14:00', workEnd: '20:00' });
    await add('有冲突', a, { base: at(0) });
    await add('别街的', c, { base: at(0) });
    await add('太远的', b, { base: at(0.2) }); // ~22 km: beyond reach
    expect((await t.as('admin', { method: 'PATCH', url: `/api/v1/staff/${staff['休息中']}`, payload: { onDuty: false } })).json().onDuty).toBe(false);
    // 有冲突 is already booked 09:00–11:00 tomorrow.
    const booked = (await api.create({ hour: 9, items: [itemCode] })).json().id;
    expect((await api.post('operator', booked, 'dispatch', { staffId: staff['有冲突'] })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('sends the order to the cheapest eligible helper and says why', async () => {
    const id = (await api.create({ hour: 10, items: [itemCode] })).json().id;
    const cands = await t.as('operator', { method: 'GET', url: `/api/v1/orders/${id}/candidates` });
    expect(cands.statusCode).toBe(200);
    const res = await api.post('operator', id, 'dispatch');
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json().dispatchExplanation;
    // Provider rating 5.0 two km away beats rating 4.0 next door (1.0 vs 1.06 points).
    expect(res.json().staffId).toBe(staff['两公里B']);
    expect(e).toMatchObject({ mode: 'auto', considered: 6, excluded: { missing_skills: 1, off_duty: 1, outside_hours: 1, busy: 1 } });
    expect(e.candidates.map((c: { staffName: string }) => c.staffName)).toEqual(['两公里B', '近处A']);
    expect(e.chosen.reasons[0]).toBe('lowest cost among eligible staff');
    expect(e.chosen.reasons.join(' ')).toMatch(/rating 5\.0/);
    expect(e.rule).toMatch(/covers the area/);
    // Neither the other street's provider nor the helper 22 km away was considered.
    expect(JSON.stringify(e)).not.toMatch(/别街的|太远的/);
    expect(cands.json().explanation.candidates[0].staffName).toBe('两公里B');
  });

  it('prefers the helper with fewer open orders next time', async () => {
    const id = (await api.create({ hour: 14, items: [itemCode] })).json().id;
    // 两公里B now has one open order (1 + 1.0 points) against 近处A's 1.06; 下午班 works 14–20 and joins.
    const res = await api.post('operator', id, 'dispatch');
    expect(res.json().staffId).not.toBe(staff['两公里B']);
    expect(['近处A', '下午班', '有冲突']).toContain(res.json().staffName);
    expect(res.json().dispatchExplanation.candidates.find((c: { staffName: string }) => c.staffName === '两公里B').openOrders).toBe(1);
  });

  it('answers 409 with the explanation when nobody can go', async () => {
    const id = (await api.create({ hour: 5, items: [itemCode] })).json().id;
    const res = await api.post('operator', id, 'dispatch');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NO_CANDIDATE');
    expect(res.json().error.details.state).toBe('requested');
    expect(res.json().error.details.explanation.excluded.outside_hours).toBeGreaterThan(0);
  });

  it('refuses a manual choice from a provider that does not serve the elder', async () => {
    const id = (await api.create({ hour: 10, days: 2, items: [itemCode] })).json().id;
    const res = await api.post('operator', id, 'dispatch', { staffId: staff['别街的'] });
    expect(res.statusCode).toBe(409);
    expect((await api.get('operator', id)).json().state).toBe('requested');
    // The provider account may send only its own staff: others' staff do not exist for it.
    expect((await api.post('provider', id, 'dispatch', { staffId: staff['近处A'] })).statusCode).toBe(404);
  });

  it('keeps the scope: a provider sees only its orders, a caregiver only its own, another area’s order is 404', async () => {
    const id = (await api.create({ hour: 11, days: 4, items: [itemCode] })).json().id;
    await api.post('operator', id, 'dispatch', { staffId: staff['近处A'] });
    expect((await api.get('provider', id)).statusCode).toBe(404);
    expect((await api.get('caregiver', id)).statusCode).toBe(404);
    const list = await t.as('provider', { method: 'GET', url: '/api/v1/orders?pageSize=200' });
    expect(list.json().items.some((o: { id: string }) => o.id === id)).toBe(false);
    const own = await api.driveTo('dispatched', { days: 5 });
    expect((await api.get('provider', own)).statusCode).toBe(200);
    expect((await api.get('caregiver', own)).statusCode).toBe(200);
    // A community worker elsewhere neither sees the order nor may order for the elder.
    const other = (await t.db.kysely.selectFrom('org_units').select('name').where('level', '=', 'community').where('name', '!=', '东坡社区').executeTakeFirstOrThrow()).name;
    const otherCommunity = await t.unitId(other);
    await t.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username: 'other.community', displayName: '别的社区', role: 'community', orgUnitId: otherCommunity, password: 'Other-Community-26' } });
    const login = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'other.community', password: 'Other-Community-26' } });
    const headers = { authorization: `Bearer ${login.json().token}` };
    expect((await t.app.http.inject({ method: 'GET', url: `/api/v1/orders/${own}`, headers })).statusCode).toBe(404);
    const create = await t.app.http.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: { elderId: f.elder.id, itemIds: [f.item('room_cleaning').id], window: { start: localAt(10), end: localAt(12) } } });
    expect(create.statusCode).toBe(404);
    expect(create.body).not.toMatch(/张秀兰/);
  });

  it('records a missed start and leaves an order accepted in time alone', async () => {
    const id = await api.driveTo('accepted', { days: 7 });
    expect(await t.db.kysely.selectFrom('jobs').select('id').where('singleton_key', '=', `order:${id}:accept`).where('state', '=', 'pending').executeTakeFirst()).toBeUndefined();
    await t.db.kysely.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('singleton_key', '=', `order:${id}:start`).execute();
    await t.app.jobs.runDue();
    const breaches = await t.db.kysely.selectFrom('order_sla_breaches').select(['kind']).where('order_id', '=', id).execute();
    expect(breaches).toEqual([{ kind: 'start' }]);
    expect((await api.get('operator', id)).json().state).toBe('accepted');
  });

  it('fires the accept deadline after a restart: records the breach, alerts the centre and redispatches', async () => {
    await t.as('admin', { method: 'PATCH', url: '/api/v1/order-settings', payload: { acceptWithinMinutes: 5, autoRedispatch: true } });
    const id = (await api.create({ hour: 10, days: 6, items: [itemCode] })).json().id;
    const first = (await api.post('operator', id, 'dispatch')).json();
    expect(first.state).toBe('dispatched');
    const job = await t.db.kysely.selectFrom('jobs').select(['run_at']).where('singleton_key', '=', `order:${id}:accept`).where('state', '=', 'pending').executeTakeFirstOrThrow();
    expect(job.run_at.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    // The server stops; time passes beyond the deadline; a new server starts on the same database.
    await t.app.close();
    await t.db.kysely.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('singleton_key', '=', `order:${id}:accept`).execute();
    const restarted = await buildApp({ config: testConfig(), db: t.db });
    await restarted.http.ready();
    await restarted.bus.start();
    const token = await t.token('operator');
    const events: { topic: string; orgPath?: string | null; data: Record<string, unknown> }[] = [];
    restarted.bus.subscribe('orders.sla_breach', (e) => void events.push(e));
    expect(await restarted.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const breach = await t.db.kysely.selectFrom('order_sla_breaches').selectAll().where('order_id', '=', id).executeTakeFirstOrThrow();
    expect(breach).toMatchObject({ kind: 'accept', staff_id: first.staffId, redispatched: true });
    const after = (await restarted.http.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(after.state).toBe('dispatched');
    expect(after.staffId).not.toBe(first.staffId);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'dispatch', reason: 'not accepted in time' });
    expect(after.dispatchExplanation.mode).toBe('redispatch');
    for (let i = 0; i < 50 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(events[0]).toMatchObject({ topic: 'orders.sla_breach', data: { orderId: id, kind: 'accept' } });
    expect(events[0]!.orgPath).toBe((await t.db.kysely.selectFrom('orders').select('org_path').where('id', '=', id).executeTakeFirstOrThrow()).org_path);
    await restarted.close();
  });

});
