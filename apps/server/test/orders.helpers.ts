import { createTestApp, type TestApp } from './harness.js';

/** `hour`:00 Beijing time, `plusDays` from today, as an ISO instant. */
export function localAt(hour: number, plusDays = 1, minute = 0): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + plusDays, hour - 8, minute)).toISOString();
}

export interface OrderFixtures {
  elder: { id: string; lat: number; lng: number; org_unit_id: string };
  items: { id: string; code: string; tasks: string[] }[];
  item: (code: string) => { id: string; code: string; tasks: string[] };
  staffId: string;
  familyUserId: string;
}

export async function orderFixtures(t: TestApp): Promise<OrderFixtures> {
  const family = (await t.as('family', { method: 'GET', url: '/api/v1/auth/me' })).json();
  const elder = (await t.db.kysely.selectFrom('elders').select(['id', 'lat', 'lng', 'org_unit_id']).where('id', '=', family.elderIds[0]).executeTakeFirstOrThrow()) as OrderFixtures['elder'];
  const items = (await t.as('family', { method: 'GET', url: '/api/v1/service-items' })).json().items as { id: string; code: string; tasks: string[] }[];
  const me = (await t.as('caregiver', { method: 'GET', url: '/api/v1/auth/me' })).json();
  return { elder, items, item: (code) => items.find((i) => i.code === code)!, staffId: me.staffId as string, familyUserId: family.id as string };
}

export function orderApi(t: TestApp, f: OrderFixtures) {
  const create = (opts: { user?: string; hour?: number; days?: number; items?: string[]; elderId?: string } = {}) =>
    t.as(opts.user ?? 'family', {
      method: 'POST',
      url: '/api/v1/orders',
      payload: { elderId: opts.elderId ?? f.elder.id, itemIds: (opts.items ?? ['room_cleaning']).map((c) => f.item(c).id), window: { start: localAt(opts.hour ?? 10, opts.days ?? 1), end: localAt((opts.hour ?? 10) + 2, opts.days ?? 1) }, notes: '请敲门两次' },
    });
  const post = (user: string, id: string, action: string, payload?: unknown) =>
    t.as(user, { method: 'POST', url: `/api/v1/orders/${id}/${action}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const get = (user: string, id: string) => t.as(user, { method: 'GET', url: `/api/v1/orders/${id}` });
  /** A new order taken by the demo caregiver up to `until`. */
  const driveTo = async (until: 'dispatched' | 'accepted' | 'in_service' | 'completed', opts: { hour?: number; days?: number; items?: string[] } = {}) => {
    const id = (await create(opts)).json().id as string;
    await post('operator', id, 'dispatch', { staffId: f.staffId });
    if (until === 'dispatched') return id;
    await post('caregiver', id, 'accept');
    if (until === 'accepted') return id;
    await post('caregiver', id, 'check-in', { lat: f.elder.lat, lng: f.elder.lng });
    if (until === 'in_service') return id;
    await post('caregiver', id, 'check-out', { lat: f.elder.lat, lng: f.elder.lng });
    return id;
  };
  return { create, post, get, driveTo };
}

export interface OrderTest {
  t: TestApp;
  f: OrderFixtures;
  api: ReturnType<typeof orderApi>;
}

/** A test file's app with the demo order fixtures: `beforeAll(async () => ({ t, f, api } = await openOrderTest()))`. */
export async function openOrderTest(): Promise<OrderTest> {
  const t = await createTestApp();
  const f = await orderFixtures(t);
  return { t, f, api: orderApi(t, f) };
}
