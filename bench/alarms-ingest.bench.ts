/**
 * Alarm-centre ingestion. Three figures, on the same PostgreSQL as the same-run raw insert
 * reference (bench/reference.ts):
 *  - sustained HTTP ingestion of signed event batches (100 per request), as a ratio to raw batched inserts;
 *  - sustained MQTT ingestion (one signed event per QoS-1 message), as a ratio to raw single-row inserts;
 *  - device-to-console latency: SOS sent → `alarms.opened` received on an operator's WebSocket,
 *    p50/p99, while ~1,000 background events per second flow (target p99 < 200 ms).
 * The server runs in this process (Fastify listening on a port, real sockets, real database).
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import WebSocket from 'ws';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { encryptField } from '../apps/server/src/platform/crypto.js';
import { openPostgres } from '../apps/server/src/platform/db/database.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { signDeviceBody } from '../apps/server/src/modules/devices/index.js';
import { seedDemoDistrict } from '../apps/server/src/seed/demo.js';
import { percentile, rawInsertRate } from './reference.js';
import type { BenchContext } from './run.js';

const PASSWORD = 'Bench-Passw0rd!';
const HTTP_SECONDS = 8;
const LATENCY_SAMPLES = 150;
const BACKGROUND_PER_SEC = 1000;
const MQTT_MESSAGES = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function bench(ctx: BenchContext) {
  const baseUrl = ctx.databaseUrl ?? process.env.TEST_DATABASE_URL;
  if (!baseUrl) return { skipped: 'set BENCH_DATABASE_URL to a PostgreSQL server: the figures are ratios to raw inserts into it' };
  const mqttUrl = process.env.BENCH_MQTT_URL ?? process.env.MQTT_TEST_URL;

  const dbName = `yiyang_bench_alarms_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const group = `bench${randomBytes(3).toString('hex')}`;
  const config = loadConfig({
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOOKUP_HASH_KEY: Buffer.alloc(32, 8).toString('base64'),
    ...(mqttUrl ? { MQTT_URL: mqttUrl, MQTT_CLIENT_ID: group, MQTT_GROUP: group } : {}),
  });
  const db = await openPostgres(databaseUrl, 10);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    ctx.log('reference: raw inserts into the same PostgreSQL…');
    const reference = await rawInsertRate(databaseUrl);
    ctx.log(`  ${JSON.stringify(reference)}`);

    ctx.log('preparing a demo district…');
    await migrate(db);
    await seedDemoDistrict(db.kysely, { password: PASSWORD, elders: 300, keys: config.keys, seed: 7 });
    const elders = await db.kysely.selectFrom('elders').select(['id', 'org_unit_id']).limit(200).execute();
    const devices = elders.map((e, i) => ({ deviceId: `BENCH-${i}`, secret: randomBytes(18).toString('base64url'), elder: e }));
    await db.kysely
      .insertInto('devices')
      .values(devices.map((d) => ({ device_id: d.deviceId, kind: 'call_button' as const, bound_to: 'elder' as const, elder_id: d.elder.id, org_unit_id: d.elder.org_unit_id, secret_enc: encryptField(config.keys, d.secret), last_heartbeat_at: new Date() })))
      .execute();

    app = await buildApp({ config, db });
    await app.startBackground();
    const base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    let serial = 0;
    const event = (deviceId: string, type: string) => ({ deviceId, eventId: `b-${serial++}`, type, occurredAt: new Date().toISOString(), payload: { battery: 90 } });
    const post = async (d: (typeof devices)[number], body: unknown) => {
      const raw = JSON.stringify(body);
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${base}/api/v1/device-events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-yiyang-timestamp': ts, 'x-yiyang-signature': signDeviceBody(d.secret, ts, raw) }, body: raw });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { results: { status: string; alarmId?: string | null }[] };
    };

    // 1. Sustained HTTP ingestion.
    ctx.log(`HTTP: 4 senders, batches of 100 signed heartbeats, ${HTTP_SECONDS} s…`);
    let httpEvents = 0;
    const until = Date.now() + HTTP_SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(
      [0, 1, 2, 3].map(async (k) => {
        while (Date.now() < until) {
          const d = devices[(serial + k) % devices.length]!;
          const r = await post(d, Array.from({ length: 100 }, () => event(d.deviceId, 'heartbeat')));
          httpEvents += r.results.filter((x) => x.status === 'accepted').length;
        }
      }),
    );
    const httpPerSec = Math.round(httpEvents / ((performance.now() - t0) / 1000));
    ctx.log(`  ${httpPerSec} events/s`);

    // 2. Sustained MQTT ingestion.
    let mqttPerSec: number | null = null;
    if (mqttUrl) {
      ctx.log(`MQTT: ${MQTT_MESSAGES} signed single-event messages, QoS 1…`);
      const before = Number((await db.kysely.selectFrom('device_events').select((eb) => eb.fn.countAll<string>().as('n')).where('via', '=', 'mqtt').executeTakeFirstOrThrow()).n);
      const clients = await Promise.all([0, 1, 2, 3].map(() => mqtt.connectAsync(mqttUrl, { protocolVersion: 5 })));
      const m0 = performance.now();
      await Promise.all(
        clients.map(async (c, k) => {
          for (let i = k; i < MQTT_MESSAGES; i += clients.length) {
            const d = devices[i % devices.length]!;
            const body = JSON.stringify(event(d.deviceId, 'heartbeat'));
            const ts = String(Math.floor(Date.now() / 1000));
            await c.publishAsync(`yiyang/devices/${d.deviceId}/events`, JSON.stringify({ timestamp: ts, signature: signDeviceBody(d.secret, ts, body), body }), { qos: 1 });
          }
        }),
      );
      for (;;) {
        const n = Number((await db.kysely.selectFrom('device_events').select((eb) => eb.fn.countAll<string>().as('n')).where('via', '=', 'mqtt').executeTakeFirstOrThrow()).n);
        if (n - before >= MQTT_MESSAGES) break;
        if (performance.now() - m0 > 60_000) throw new Error(`MQTT: only ${n - before} of ${MQTT_MESSAGES} stored after 60 s`);
        await sleep(20);
      }
      mqttPerSec = Math.round(MQTT_MESSAGES / ((performance.now() - m0) / 1000));
      await Promise.all(clients.map((c) => c.endAsync()));
      ctx.log(`  ${mqttPerSec} events/s`);
    }

    // 3. Device-to-console latency under background load.
    ctx.log(`latency: ${LATENCY_SAMPLES} SOS presses while ${BACKGROUND_PER_SEC} background events/s flow…`);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator', password: PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
    const arrivals = new Map<string, number>();
    const waiting = new Map<string, (t: number) => void>();
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as { topic: string; data: { deviceId?: string } };
      if (m.topic !== 'alarms.opened' || !m.data.deviceId) return;
      const now = performance.now();
      arrivals.set(m.data.deviceId, now);
      waiting.get(m.data.deviceId)?.(now);
    });
    await new Promise((r) => ws.once('open', r));
    let stopBackground = false;
    let backgroundEvents = 0;
    const background = (async () => {
      const perTick = BACKGROUND_PER_SEC / 20;
      let next = performance.now();
      while (!stopBackground) {
        const d = devices[serial % 100]!; // the first 100 devices carry the load; the rest press SOS
        void post(d, Array.from({ length: perTick }, () => event(d.deviceId, 'heartbeat'))).then((r) => (backgroundEvents += r.results.length)).catch(() => undefined);
        next += 50;
        await sleep(Math.max(0, next - performance.now()));
      }
    })();
    await sleep(1000);
    const b0 = performance.now();
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const d = devices[100 + (i % 100)]!;
      // A fresh alarm each time: close the device's previous one directly.
      await db.kysely.updateTable('alarms').set({ state: 'closed', closed_at: new Date(), outcome: 'other' }).where('device_id', '=', d.deviceId).where('state', '<>', 'closed').execute();
      arrivals.delete(d.deviceId);
      const got = new Promise<number>((resolve) => waiting.set(d.deviceId, resolve));
      const sent = performance.now();
      await post(d, event(d.deviceId, 'sos'));
      const at = await Promise.race([got, sleep(5000).then(() => NaN)]);
      waiting.delete(d.deviceId);
      latencies.push(at - sent);
      await sleep(20);
    }
    const backgroundRate = Math.round(backgroundEvents / ((performance.now() - b0) / 1000 + 1));
    stopBackground = true;
    await background;
    ws.close();
    const sorted = latencies.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const result = {
      database: 'postgresql',
      reference,
      http: { eventsPerSec: httpPerSec, batchSize: 100, ratioToRawBatchedInsert: Number((httpPerSec / reference.batchedRowsPerSec).toFixed(3)) },
      mqtt: mqttPerSec === null ? { skipped: 'set BENCH_MQTT_URL (or MQTT_TEST_URL)' } : { eventsPerSec: mqttPerSec, ratioToRawSingleRowInsert: Number((mqttPerSec / reference.singleRowPerSec).toFixed(3)) },
      deviceToConsole: {
        samples: latencies.length,
        lost: latencies.length - sorted.length,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: percentile(sorted, 100),
        backgroundEventsPerSec: backgroundRate,
        targetP99Ms: 200,
      },
    };
    ctx.log(JSON.stringify(result));
    return result;
  } catch (err) {
    ctx.log(`failed: ${(err as Error).stack ?? String(err)}`);
    throw err;
  } finally {
    await sleep(500); // let in-flight background requests finish before closing their pool
    await app?.close().catch(() => undefined);
    await db.close();
    await admin.query(`drop database if exists ${dbName}`).catch((err: Error) => ctx.log(`could not drop ${dbName}: ${err.message}`));
    await admin.end();
    if (mqttUrl) {
      for (let i = 0; i < 4; i++) {
        const c = await mqtt.connectAsync(mqttUrl, { clientId: `${group}-${i}`, clean: true, protocolVersion: 5 });
        await c.endAsync();
      }
    }
  }
}
