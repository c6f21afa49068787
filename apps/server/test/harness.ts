import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { openPGlite, openPostgres, type Db } from '../src/platform/db/database.js';
import { pgTemplateDb, pgliteTemplateFile, TEST_PASSWORD, TEST_PG_URL, runId, withDatabase } from './template.js';

export { TEST_PASSWORD } from './template.js';

/** A fresh copy of the seeded test district: PGlite in memory, or a new PostgreSQL database. */
export async function createTestDb(): Promise<Db> {
  if (TEST_PG_URL) {
    const name = `yiyang_t_${runId()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${pgTemplateDb()}`);
    } finally {
      await admin.end();
    }
    const db = await openPostgres(withDatabase(TEST_PG_URL, name), 5);
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: TEST_PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
    };
    return db;
  }
  return openPGlite(undefined, new Blob([fs.readFileSync(pgliteTemplateFile())]));
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
    LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
    ...overrides,
  });
}

export interface TestApp {
  app: App;
  db: Db;
  /** Signs in (cached per username) and returns a bearer token. */
  token(username: string): Promise<string>;
  /** `inject` as a user (or anonymously with `null`); JSON bodies are sent as JSON. */
  as(username: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Ids of demo org units and accounts, looked up by name. */
  unitId(name: string, parentName?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDb();
  const app = await buildApp({ config: testConfig(overrides), db });
  await app.http.ready();
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const t = (res.json() as { token: string }).token;
    tokens.set(username, t);
    return t;
  };
  return {
    app,
    db,
    token,
    async as(username, opts) {
      const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
      if (username) headers.authorization = `Bearer ${await token(username)}`;
      return app.http.inject({ ...opts, headers });
    },
    async unitId(name, parentName) {
      let q = db.kysely.selectFrom('org_units as o').select('o.id').where('o.name', '=', name);
      if (parentName) q = q.innerJoin('org_units as p', 'p.id', 'o.parent_id').where('p.name', '=', parentName);
      const row = await q.executeTakeFirst();
      if (!row) throw new Error(`no org unit ${name}`);
      return row.id;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
