import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { DEMO_BUTTON, sendSigned, sosEvent } from './devices-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'device_events' | 'alarms' | 'device_dead_letters', where: Record<string, string> = {}) => {
  let q = t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe('device ingestion', () => {
  it('stores a signed SOS and opens an alarm the operator sees', async () => {
    const ev = sosEvent();
    const res = await sendSigned(t, ev);
    expect(res.statusCode).toBe(200);
    const [r] = res.json().results;
    expect(r).toMatchObject({ eventId: ev.eventId, status: 'accepted' });
    expect(r.alarmId).toMatch(/[0-9a-f-]{36}/);
    const queue = (await t.as('operator', { method: 'GET', url: '/api/v1/alarms' })).json().items;
    expect(queue.find((a: { id: string }) => a.id === r.alarmId)).toMatchObject({ kind: 'sos', priority: 1, state: 'open', elderName: '张秀兰' });
  });

  it('is idempotent: re-sending an event creates no second event or alarm', async () => {
    const ev = sosEvent({ deviceId: DEMO_BUTTON.deviceId, type: 'fall' });
    const first = (await sendSigned(t, ev)).json().results[0];
    const again = await sendSigned(t, ev);
    expect(again.statusCode).toBe(200);
    expect(again.json().results[0]).toEqual({ eventId: ev.eventId, status: 'duplicate', alarmId: first.alarmId });
    expect(await count('device_events', { event_id: ev.eventId })).toBe(1);
    expect(await count('alarms', { kind: 'fall' })).toBe(1);
  });

  it('a repeated press during a live alarm joins it', async () => {
    const a = (await sendSigned(t, sosEvent({ type: 'gas' }))).json().results[0];
    const b = (await sendSigned(t, sosEvent({ type: 'gas' }))).json().results[0];
    expect(b.status).toBe('accepted');
    expect(b.alarmId).toBe(a.alarmId);
    const alarm = (await t.as('operator', { method: 'GET', url: `/api/v1/alarms/${a.alarmId}` })).json();
    expect(alarm.eventCount).toBe(2);
    expect(alarm.timeline.map((e: { entry: string }) => e.entry)).toEqual(['opened', 'repeated']);
  });

  it('accepts a batch and answers per event, dead-lettering the bad one', async () => {
    const good = sosEvent({ type: 'heartbeat', payload: { battery: 77 } });
    const bad = sosEvent({ type: 'earthquake' });
    const res = await sendSigned(t, [good, bad, good]);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'duplicate']);
    expect(results[1].error).toMatch(/type/);
    const letters = (await t.as('operator', { method: 'GET', url: '/api/v1/device-dead-letters' })).json();
    expect(letters.items.some((l: { eventId: string; reason: string }) => l.eventId === bad.eventId && l.reason === 'invalid_event')).toBe(true);
    const device = await t.db.kysely.selectFrom('devices').select('battery_percent').where('device_id', '=', DEMO_BUTTON.deviceId).executeTakeFirstOrThrow();
    expect(device.battery_percent).toBe(77);
  });

  it('refuses a single invalid event with 400 and keeps it', async () => {
    const ev = sosEvent({ occurredAt: 'yesterday' });
    const res = await sendSigned(t, ev);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/occurredAt/);
    expect(await count('device_dead_letters', { event_id: ev.eventId })).toBe(1);
    expect(await count('device_events', { event_id: ev.eventId })).toBe(0);
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-secret-at-all' }, 'BAD_SIGNATURE', 'bad_signature'],
    ['a stale timestamp (replay outside the window)', { timestamp: Math.floor(Date.now() / 1000) - 360 }, 'BAD_SIGNATURE', 'stale_timestamp'],
    ['a future timestamp', { timestamp: Math.floor(Date.now() / 1000) + 360 }, 'BAD_SIGNATURE', 'stale_timestamp'],
    ['a malformed signature', { signature: 'abc' }, 'BAD_SIGNATURE', 'bad_signature'],
  ])('refuses %s with 401, stores nothing and dead-letters it', async (_name, opts, code, reason) => {
    const ev = sosEvent();
    const res = await sendSigned(t, ev, opts);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code, details: { reason } });
    expect(await count('device_events', { event_id: ev.eventId })).toBe(0);
    expect(await count('device_dead_letters', { event_id: ev.eventId, reason })).toBe(0); // whole-request refusals carry no event id
    expect(await count('device_dead_letters', { reason })).toBeGreaterThan(0);
  });

  it('refuses a replay of a signed request whose window has passed', async () => {
    const ev = sosEvent();
    const raw = JSON.stringify(ev);
    const old = Math.floor(Date.now() / 1000) - 600;
    const { signDeviceBody } = await import('../src/modules/devices/index.js');
    const res = await sendSigned(t, ev, { raw, timestamp: old, signature: signDeviceBody(DEMO_BUTTON.secret, String(old), raw) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.details.reason).toBe('stale_timestamp');
  });

  it('refuses missing headers, unknown devices, bad JSON and mixed batches', async () => {
    const noHeaders = await t.app.http.inject({ method: 'POST', url: '/api/v1/device-events', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(sosEvent()) });
    expect(noHeaders.statusCode).toBe(401);
    expect(noHeaders.json().error.details.reason).toBe('missing_signature');
    const unknown = await sendSigned(t, sosEvent({ deviceId: 'no-such-device' }));
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('UNKNOWN_DEVICE');
    const badJson = await sendSigned(t, null, { raw: '{"deviceId":' });
    expect(badJson.statusCode).toBe(400);
    const mixed = await sendSigned(t, [sosEvent(), sosEvent({ deviceId: 'YY-CALLBUTTON-0001' })]);
    expect(mixed.statusCode).toBe(400);
    const empty = await sendSigned(t, []);
    expect(empty.statusCode).toBe(400);
    const huge = await sendSigned(t, sosEvent({ payload: { note: 'x'.repeat(5000) } }));
    expect(huge.statusCode).toBe(400);
    const reasons = (await t.as('admin', { method: 'GET', url: '/api/v1/device-dead-letters?limit=50' })).json().items.map((l: { reason: string }) => l.reason);
    expect(reasons).toEqual(expect.arrayContaining(['missing_signature', 'unknown_device', 'invalid_json', 'device_id', 'bad_batch_size']));
  });

  it('hides dead letters of unknown devices from community staff', async () => {
    const items = (await t.as('community', { method: 'GET', url: '/api/v1/device-dead-letters' })).json().items;
    expect(items.every((l: { reason: string }) => l.reason !== 'unknown_device')).toBe(true);
  });

  it('refuses events of a device switched off in the registry', async () => {
    const device = await t.db.kysely.selectFrom('devices').select('id').where('device_id', '=', 'YY-CALLBUTTON-0001').executeTakeFirstOrThrow();
    const res = await t.as('admin', { method: 'PATCH', url: `/api/v1/devices/${device.id}`, payload: { status: 'inactive' } });
    expect(res.statusCode).toBe(200);
    // Its secret is random in the demo; a wrong-signature answer still proves nothing was stored.
    const sent = await sendSigned(t, sosEvent({ deviceId: 'YY-CALLBUTTON-0001' }));
    expect(sent.statusCode).toBe(401);
  });
});

describe('device registry', () => {
  const elderOf = async () => (await t.db.kysely.selectFrom('elders').select(['id', 'org_unit_id']).where('name', '=', '张秀兰').executeTakeFirstOrThrow());

  it('registers a device bound to an elder and returns its secret once', async () => {
    const elder = await elderOf();
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/devices', payload: { deviceId: 'FALL-0001', kind: 'fall_detector', boundTo: 'elder', elderId: elder.id } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.secret.length).toBeGreaterThanOrEqual(16);
    expect(body.device).toMatchObject({ deviceId: 'FALL-0001', elderName: '张秀兰', orgUnitId: elder.org_unit_id });
    const stored = await t.db.kysely.selectFrom('devices').select('secret_enc').where('device_id', '=', 'FALL-0001').executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(body.secret);
    const fall = await sendSigned(t, sosEvent({ deviceId: 'FALL-0001', type: 'fall' }), { secret: body.secret });
    expect(fall.json().results[0].status).toBe('accepted');
    const dup = await t.as('admin', { method: 'POST', url: '/api/v1/devices', payload: { deviceId: 'FALL-0001', kind: 'fall_detector', boundTo: 'elder', elderId: elder.id } });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses bad input and elders outside the caller\'s area (404)', async () => {
    const elder = await elderOf();
    const bad = [
      { deviceId: 'x y', kind: 'call_button', boundTo: 'elder', elderId: elder.id },
      { deviceId: 'OK-1', kind: 'toaster', boundTo: 'elder', elderId: elder.id },
      { deviceId: 'OK-1', kind: 'call_button', boundTo: 'elder' },
      { deviceId: 'OK-1', kind: 'call_button', boundTo: 'household', orgUnitId: elder.org_unit_id },
      { deviceId: 'x'.repeat(200), kind: 'call_button', boundTo: 'elder', elderId: elder.id },
    ];
    for (const payload of bad) expect((await t.as('admin', { method: 'POST', url: '/api/v1/devices', payload })).statusCode).toBe(400);
    // A device manager whose area is the second street: the family elder lives in the first.
    const street2 = await t.db.kysely.selectFrom('org_units').select('id').where('level', '=', 'street').where('name', '=', '清波街道').executeTakeFirstOrThrow();
    const admin = await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await t.db.kysely.insertInto('users').values({ username: 'street2mgr', display_name: '二街道设备管理员', role: 'admin', org_unit_id: street2.id, password_hash: admin.password_hash }).execute();
    const res = await t.as('street2mgr', { method: 'POST', url: '/api/v1/devices', payload: { deviceId: 'FAR-1', kind: 'call_button', boundTo: 'elder', elderId: elder.id } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('elder not found');
    const compoundHere = await t.as('street2mgr', { method: 'POST', url: '/api/v1/devices', payload: { deviceId: 'FAR-2', kind: 'smoke_detector', boundTo: 'compound', orgUnitId: elder.org_unit_id } });
    expect(compoundHere.statusCode).toBe(404);
    const demo = await t.db.kysely.selectFrom('devices').select('id').where('device_id', '=', 'demo-button-1').executeTakeFirstOrThrow();
    expect((await t.as('street2mgr', { method: 'GET', url: `/api/v1/devices/${demo.id}` })).statusCode).toBe(404);
    expect((await t.as('street2mgr', { method: 'PATCH', url: `/api/v1/devices/${demo.id}`, payload: { status: 'faulty' } })).statusCode).toBe(404);
    const list = (await t.as('community', { method: 'GET', url: '/api/v1/devices?pageSize=200' })).json();
    expect(list.items.length).toBeGreaterThan(0);
    const outside = await t.db.kysely.selectFrom('devices').select('id').where('org_unit_id', 'not in', t.db.kysely.selectFrom('org_units').select('id').where((eb) => eb.exists(eb.selectFrom('users as u').innerJoin('org_units as c', 'c.id', 'u.org_unit_id').select('u.id').where('u.username', '=', 'community').whereRef('org_units.path', '<@', 'c.path')))).limit(1).executeTakeFirst();
    if (outside) expect((await t.as('community', { method: 'GET', url: `/api/v1/devices/${outside.id}` })).statusCode).toBe(404);
  });

  it('imports devices from a spreadsheet, all rows or none', async () => {
    const compound = await t.db.kysely.selectFrom('org_units').select('code').where('level', '=', 'compound').where('code', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备');
    sheet.addRow(['设备编号', '设备类型', '绑定对象', '老人身份证号', '小区编码', '住户地址', '备注']);
    sheet.addRow(['SMOKE-0001', 'smoke_detector', 'compound', '', compound.code, '', '3号楼大堂']);
    sheet.addRow(['DOOR-0001', 'door_sensor', 'household', '', compound.code, '5幢2单元301室', '']);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/devices/import', headers: { 'content-type': xlsx }, payload: good });
    expect(res.statusCode).toBe(201);
    expect(res.json().created.map((c: { deviceId: string }) => c.deviceId)).toEqual(['SMOKE-0001', 'DOOR-0001']);

    sheet.addRow(['GAS-0001', 'gas_detector', 'compound', '', 'NO-SUCH-CODE', '', '']);
    sheet.addRow(['GAS-0002', 'gas_detector', 'compound', '', compound.code, '', '']);
    const bad = await t.as('admin', { method: 'POST', url: '/api/v1/devices/import', headers: { 'content-type': xlsx }, payload: Buffer.from(await book.xlsx.writeBuffer()) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]); // 2,3 already exist; 4 bad code
    expect(await count('devices' as never, { device_id: 'GAS-0002' })).toBe(0);
    const notXlsx = await t.as('admin', { method: 'POST', url: '/api/v1/devices/import', headers: { 'content-type': xlsx }, payload: Buffer.from('hello') });
    expect(notXlsx.statusCode).toBe(400);
  });
});
