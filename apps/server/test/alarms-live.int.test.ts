import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { openPostgres, type Db } from '../src/platform/db/database.js';
import { signDeviceBody } from '../src/modules/devices/index.js';
import { createTestApp, testConfig, TEST_PASSWORD, type TestApp } from './harness.js';
import { DEMO_BUTTON, sendSigned, sosEvent } from './devices-support.js';
import { streamAs as consoleSocket, type Message } from './stream-client.js';
import { pgTemplateDb, runId, TEST_PG_URL, withDatabase } from './template.js';

async function listen(app: App) {
  await app.startBackground();
  const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
  return address;
}

describe('live console over WebSocket', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t.app);
  });
  afterAll(() => t.close());

  it('pushes a new alarm to every operator console, and the assignment to the responder', async () => {
    const a = await consoleSocket(url, await t.token('operator'));
    const b = await consoleSocket(url, await t.token('admin'));
    const r = await consoleSocket(url, await t.token('responder'));
    const sent = await sendSigned(t, sosEvent());
    const alarmId = sent.json().results[0].alarmId;
    const opened = (m: Message) => m.topic === 'alarms.opened' && m.data.alarmId === alarmId;
    expect((await a.next(opened)).data).toMatchObject({ kind: 'sos', priority: 1, state: 'open' });
    await b.next(opened);
    // The responder's community contains the elder, but its console shows assignments only once dispatched.
    await t.as('operator', { method: 'POST', url: `/api/v1/alarms/${alarmId}/claim` });
    await t.as('operator', { method: 'POST', url: `/api/v1/alarms/${alarmId}/dispatch`, payload: {} });
    const assigned = await r.next((m) => m.topic === 'alarms.assigned' && m.data.alarmId === alarmId);
    expect(assigned.data.state).toBe('dispatched');
    await a.next((m) => m.topic === 'alarms.updated' && m.data.alarmId === alarmId && m.data.state === 'dispatched');
    for (const s of [a, b, r]) s.close();
  });
});

describe('fan-out across two server instances on one PostgreSQL', () => {
  const skip = !TEST_PG_URL;
  let dbName = '';
  const dbs: Db[] = [];
  const apps: App[] = [];
  beforeAll(async () => {
    if (skip) return;
    dbName = `yiyang_t_${runId()}_fan_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${dbName} template ${pgTemplateDb()}`);
    await admin.end();
    for (let i = 0; i < 2; i++) {
      const db = await openPostgres(withDatabase(TEST_PG_URL!, dbName), 4);
      dbs.push(db);
      apps.push(await buildApp({ config: testConfig(), db }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const db of dbs) await db.close();
    if (dbName) {
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  });

  it.skipIf(skip)('an alarm ingested on instance A reaches consoles on A and on B (LISTEN/NOTIFY)', async () => {
    const urls = [await listen(apps[0]!), await listen(apps[1]!)];
    const login = async (base: string) => ((await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator', password: TEST_PASSWORD }) })).json()) as { token: string }).token;
    const onA = await consoleSocket(urls[0]!, await login(urls[0]!));
    const onB = await consoleSocket(urls[1]!, await login(urls[1]!));
    const ev = sosEvent();
    const raw = JSON.stringify(ev);
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${urls[0]}/api/v1/device-events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-yiyang-timestamp': ts, 'x-yiyang-signature': signDeviceBody(DEMO_BUTTON.secret, ts, raw) }, body: raw });
    const alarmId = ((await res.json()) as { results: { alarmId: string }[] }).results[0]!.alarmId;
    const opened = (m: Message) => m.topic === 'alarms.opened' && m.data.alarmId === alarmId;
    await onA.next(opened);
    await onB.next(opened);
    onA.close();
    onB.close();
  });
  it.runIf(skip)('skipped on PGlite: it is one process, so there is no second instance to fan out to (set TEST_DATABASE_URL)', () => {});
});

describe('MQTT connector', () => {
  const brokerUrl = process.env.MQTT_TEST_URL;
  const clientId = `yiyang-test-${randomBytes(4).toString('hex')}`;
  let t: TestApp | undefined;
  beforeAll(async () => {
    if (!brokerUrl) return;
    t = await createTestApp({ MQTT_URL: brokerUrl, MQTT_CLIENT_ID: clientId, MQTT_GROUP: clientId });
    await t.app.startBackground();
  });
  afterAll(async () => {
    await t?.close();
    if (brokerUrl) {
      // Drop the test's persistent session so the broker stops queueing for it.
      for (let i = 0; i < 4; i++) {
        const c = await mqtt.connectAsync(brokerUrl, { clientId: `${clientId}-${i}`, clean: true, protocolVersion: 5 });
        await c.endAsync();
      }
    }
  });

  const publish = async (body: string, opts: { secret?: string; timestamp?: string; topicDevice?: string } = {}) => {
    const ts = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const envelope = JSON.stringify({ timestamp: ts, signature: signDeviceBody(opts.secret ?? DEMO_BUTTON.secret, ts, body), body });
    const c = await mqtt.connectAsync(brokerUrl!, { protocolVersion: 5 });
    await c.publishAsync(`yiyang/devices/${opts.topicDevice ?? DEMO_BUTTON.deviceId}/events`, envelope, { qos: 1 });
    await c.endAsync();
  };
  const until = async <T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it.skipIf(!brokerUrl)('stores a signed SOS sent over MQTT (QoS 1) once, even when sent twice', async () => {
    const ev = sosEvent();
    await publish(JSON.stringify(ev));
    await publish(JSON.stringify(ev));
    const row = await until(() => t!.db.kysely.selectFrom('device_events').select(['via', 'alarm_id']).where('event_id', '=', ev.eventId).executeTakeFirst());
    expect(row.via).toBe('mqtt');
    expect(row.alarm_id).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
    const n = await t!.db.kysely.selectFrom('device_events').select((eb) => eb.fn.countAll<string>().as('n')).where('event_id', '=', ev.eventId).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it.skipIf(!brokerUrl)('dead-letters bad signatures and topic mismatches received over MQTT', async () => {
    const ev = sosEvent();
    await publish(JSON.stringify(ev), { secret: 'wrong-secret-0000' });
    await publish(JSON.stringify(sosEvent()), { topicDevice: 'someone-else' });
    const letters = await until(async () => {
      const rows = await t!.db.kysely.selectFrom('device_dead_letters').select('reason').where('via', '=', 'mqtt').execute();
      return rows.length >= 2 ? rows : undefined;
    });
    expect(letters.map((l) => l.reason).sort()).toEqual(['bad_signature', 'topic_mismatch']);
  });

  it.runIf(!brokerUrl)('skipped: set MQTT_TEST_URL (e.g. mqtt://127.0.0.1:1883) to test the MQTT connector against a broker', () => {});
});
