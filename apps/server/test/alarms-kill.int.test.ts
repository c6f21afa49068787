import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, openPostgres, type Db } from '../src/platform/db/database.js';
import { signDeviceBody } from '../src/modules/devices/index.js';
import { TEST_PASSWORD } from './harness.js';
import { DEMO_BUTTON } from './devices-support.js';
import { pgliteTemplateFile, pgTemplateDb, runId, TEST_KEYS, TEST_PG_URL, withDatabase } from './template.js';

/**
 * Nothing lost: a real server process (src/main.ts) is flooded with signed events over HTTP (and
 * MQTT when a broker is configured), killed with SIGKILL mid-flood and restarted. Every event it
 * acknowledged must be stored exactly once with its alarm, and its timers must fire after restart.
 */
const serverDir = path.resolve(import.meta.dirname, '..');
const brokerUrl = process.env.MQTT_TEST_URL;
const DEVICES = 12;
const FLOOD_MS = 3000;

let dataDir = '';
let databaseUrl: string | undefined;
let dbName = '';
const mqttClientId = `yiyang-kill-${randomBytes(4).toString('hex')}`;

function env() {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: 'true',
    DEMO_PASSWORD: TEST_PASSWORD,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATA_KEY: TEST_KEYS.dataKey.toString('base64'),
    LOOKUP_HASH_KEY: TEST_KEYS.lookupHashKey.toString('base64'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(brokerUrl ? { MQTT_URL: brokerUrl, MQTT_CLIENT_ID: mqttClientId, MQTT_GROUP: mqttClientId } : {}),
  };
}

const children = new Set<ChildProcess>();
let lastOutput = '';

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    child.on('exit', () => children.delete(child));
    const onData = (b: Buffer) => {
      out += b.toString();
      lastOutput = out.slice(-3000);
      const m = /ready in \d+ ms: (http:\/\/\S+)/.exec(out);
      if (m) (clearTimeout(timer), resolve(m[1]!.replace('localhost', '127.0.0.1')));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`server exited ${code}:\n${out}`))));
  });
  return { child, url };
}

async function openDb(): Promise<Db> {
  return databaseUrl ? openPostgres(databaseUrl, 2) : openPGlite(path.join(dataDir, 'pgdata'));
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-kill-'));
  if (TEST_PG_URL) {
    dbName = `yiyang_t_${runId()}_kill_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${dbName} template ${pgTemplateDb()}`);
    await admin.end();
    databaseUrl = withDatabase(TEST_PG_URL, dbName);
  } else {
    // The server keeps PGlite's files under DATA_DIR/pgdata; start it on a copy of the seeded template.
    const db = await openPGlite(path.join(dataDir, 'pgdata'), new Blob([fs.readFileSync(pgliteTemplateFile())]));
    await db.close();
  }
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  if (dbName) {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  if (brokerUrl) {
    for (let i = 0; i < 4; i++) {
      const c = await mqtt.connectAsync(brokerUrl, { clientId: `${mqttClientId}-${i}`, clean: true, protocolVersion: 5 });
      await c.endAsync();
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const signedPost = (url: string, secret: string, body: unknown) => {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  return fetch(`${url}/api/v1/device-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-yiyang-timestamp': ts, 'x-yiyang-signature': signDeviceBody(secret, ts, raw) },
    body: raw,
  });
};

describe('kill -9 mid-flood, restart', () => {
  it('keeps every acknowledged event exactly once, every alarm, and resumes timers', async () => {
    let server = await startServer();
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;
    const listed = await (await fetch(`${server.url}/api/v1/devices?pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json();
    const elder = (listed as { items: { elderId: string }[] }).items?.[0]?.elderId;
    expect(elder, JSON.stringify(listed)).toBeTruthy();
    const devices = [DEMO_BUTTON];
    for (let i = 0; i < DEVICES - 1; i++) {
      const secret = randomBytes(18).toString('base64url');
      const res = await fetch(`${server.url}/api/v1/devices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: `KILL-${i}`, kind: 'call_button', boundTo: 'elder', elderId: elder, secret }),
      });
      expect(res.status).toBe(201);
      devices.push({ deviceId: `KILL-${i}`, secret });
    }

    const acked = new Map<string, string | null>(); // eventId → alarmId
    const published: string[] = [];
    let stop = false;
    const statuses: Record<number, number> = {};
    let firstError = '';
    let serial = 0;
    const httpSender = async (d: { deviceId: string; secret: string }) => {
      while (!stop) {
        const batch = Array.from({ length: 10 }, (_, k) => ({
          deviceId: d.deviceId,
          eventId: `k-${d.deviceId}-${serial++}`,
          type: k === 0 ? (['sos', 'fall', 'smoke', 'gas'] as const)[serial % 4] : 'heartbeat',
          occurredAt: new Date().toISOString(),
          payload: { battery: 80 },
        }));
        try {
          const res = await signedPost(server.url, d.secret, batch);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status !== 200) {
            if (!firstError) firstError = await res.text();
            continue;
          }
          const body = (await res.json()) as { results: { eventId: string; status: string; alarmId?: string | null }[] };
          for (const r of body.results) if (r.status === 'accepted' || r.status === 'duplicate') acked.set(r.eventId, r.alarmId ?? null);
        } catch {
          return; // the server died under us: whatever was not answered was not acknowledged
        }
      }
    };
    const mqttSender = async () => {
      if (!brokerUrl) return;
      const c = await mqtt.connectAsync(brokerUrl, { protocolVersion: 5 });
      while (!stop) {
        const body = JSON.stringify({ deviceId: DEMO_BUTTON.deviceId, eventId: `m-${serial++}`, type: 'heartbeat', occurredAt: new Date().toISOString(), payload: {} });
        const ts = String(Math.floor(Date.now() / 1000));
        const eventId = (JSON.parse(body) as { eventId: string }).eventId;
        // Acknowledged by the broker: from here on it is the server's job (via redelivery) to store it.
        await c.publishAsync(`yiyang/devices/${DEMO_BUTTON.deviceId}/events`, JSON.stringify({ timestamp: ts, signature: signDeviceBody(DEMO_BUTTON.secret, ts, body), body }), { qos: 1 });
        published.push(eventId);
        // A steady trickle beside the HTTP flood: on PGlite every message is its own fsync'd commit.
        await new Promise((r) => setTimeout(r, 40));
      }
      await c.endAsync();
    };

    const senders = [...devices.map(httpSender), mqttSender()];
    await new Promise((r) => setTimeout(r, FLOOD_MS));
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    stop = true;
    await Promise.all(senders);
    if (acked.size <= 30) console.log('flood', statuses, acked.size, published.length, lastOutput);
    expect(acked.size, `${JSON.stringify(statuses)} ${firstError}`).toBeGreaterThan(30);

    // Timers must survive: make the pending claim timers due now, so the restarted server fires them.
    {
      const db = await openDb();
      await db.kysely.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('queue', '=', 'alarms.claim_timer').where('state', 'in', ['pending', 'running']).execute();
      await db.close();
    }

    server = await startServer();
    const alarmIds = [...new Set([...acked.values()].filter((v): v is string => !!v))];
    expect(alarmIds.length).toBeGreaterThan(0);
    // The queue after restart holds every alarm an acknowledged event raised, with its breach recorded.
    const deadline = Date.now() + 10_000;
    let queue: { id: string; claimBreached: boolean }[] = [];
    for (;;) {
      queue = ((await (await fetch(`${server.url}/api/v1/alarms?limit=500`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: typeof queue }).items;
      if (queue.length && alarmIds.every((id) => queue.find((a) => a.id === id)?.claimBreached) ) break;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const id of alarmIds) expect(queue.find((a) => a.id === id), `alarm ${id}`).toMatchObject({ claimBreached: true });

    // MQTT messages the broker accepted are redelivered to the restarted server and stored.
    if (brokerUrl && published.length) {
      const db = databaseUrl ? await openDb() : null;
      const end = Date.now() + 10_000;
      while (db && Date.now() < end) {
        const n = await db.kysely.selectFrom('device_events').select((eb) => eb.fn.countAll<string>().as('n')).where('event_id', 'in', published).executeTakeFirstOrThrow();
        if (Number(n.n) === published.length) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await db?.close();
      if (!db) await new Promise((r) => setTimeout(r, 2000)); // PGlite: give redelivery time before stopping
    }

    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));

    const db = await openDb();
    try {
      const ids = [...acked.keys()];
      const stored = await db.kysely.selectFrom('device_events').select(['event_id', 'alarm_id', 'type']).where('event_id', 'in', ids).execute();
      const counts = new Map<string, number>();
      for (const s of stored) counts.set(s.event_id, (counts.get(s.event_id) ?? 0) + 1);
      const missing = ids.filter((id) => !counts.has(id));
      expect(missing, 'acknowledged but not stored').toEqual([]);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      for (const s of stored) if (s.type !== 'heartbeat') expect(s.alarm_id, s.event_id).toBe(acked.get(s.event_id));
      if (brokerUrl && published.length) {
        const m = await db.kysely.selectFrom('device_events').select('event_id').where('event_id', 'in', published).execute();
        expect(m.length, 'MQTT messages accepted by the broker and stored after restart').toBe(published.length);
      }
    } finally {
      await db.close();
    }
  }, 120_000);
});
