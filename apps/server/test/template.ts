import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPGlite, openPostgres, type Db } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { seedDemoDistrict } from '../src/seed/demo.js';

/** The demo password every test signs in with. */
export const TEST_PASSWORD = 'Demo-Passw0rd!';
/** The keys tests run with (testConfig uses the same). */
export const TEST_KEYS = { dataKey: Buffer.alloc(32, 1), dataKeyVersion: 1, lookupHashKey: Buffer.alloc(32, 2) };

/** Elders in the test district: enough for paging and scope, small enough to clone fast. */
export const TEST_ELDERS = 300;

/** When set, the suite runs on this PostgreSQL server instead of embedded PGlite. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL;

/** Per run (set by global-setup and inherited by the workers), so parallel runs do not collide. */
export const runId = () => process.env.YIYANG_TEST_RUN ?? 'local';
export const pgliteTemplateFile = () => path.join(os.tmpdir(), `yiyang-test-template-${runId()}.tar`);
export const pgTemplateDb = () => `yiyang_tpl_${runId()}`;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function seedTemplate(db: Db) {
  await migrate(db);
  await seedDemoDistrict(db.kysely, { password: TEST_PASSWORD, elders: TEST_ELDERS, seed: 42, keys: TEST_KEYS });
}

export async function buildPGliteTemplate() {
  const db = (await openPGlite(undefined)) as Db & { pglite: import('@electric-sql/pglite').PGlite };
  await seedTemplate(db);
  const dump = await db.pglite.dumpDataDir('none');
  fs.writeFileSync(pgliteTemplateFile(), Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

export async function buildPostgresTemplate(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pgTemplateDb()}`);
    await admin.query(`create database ${pgTemplateDb()}`);
  } finally {
    await admin.end();
  }
  const db = await openPostgres(withDatabase(url, pgTemplateDb()), 2);
  await seedTemplate(db);
  await db.close();
}

export async function dropPostgresTemplate(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`yiyang_t%_${runId()}%`]);
    for (const r of rows) await admin.query(`drop database if exists ${pg.escapeIdentifier(r.datname)} with (force)`);
  } finally {
    await admin.end();
  }
}
