import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.js';

// From source (src/platform/db) or from the bundle (dist/), the folder is apps/server/migrations.
const here = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR =
  [path.resolve(here, '../../../migrations'), path.resolve(here, '../migrations')].find((d) => fs.existsSync(d)) ??
  path.resolve(here, '../../../migrations');

export interface MigrationStatus {
  applied: number;
  latest: string | null;
  pending: number;
}

function migrationFiles(dir: string): { name: string; file: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ''), file: path.join(dir, f) }));
}

/**
 * Forward-only SQL migrations, applied in name order inside one transaction. A transaction-level
 * advisory lock makes two servers starting together on one PostgreSQL take turns instead of
 * racing; the second finds nothing left to do.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = migrationFiles(dir);
  return db.kysely.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7461001)`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set((await trx.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
    const applied: string[] = [];
    for (const m of files) {
      if (done.has(m.name)) continue;
      await sql.raw(fs.readFileSync(m.file, 'utf8')).execute(trx);
      await trx.insertInto('schema_migrations').values({ name: m.name }).execute();
      applied.push(m.name);
    }
    return applied;
  });
}

export async function migrationStatus(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = migrationFiles(dir);
  const rows = await db.kysely.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  const done = new Set(rows.map((r) => r.name));
  return {
    applied: rows.length,
    latest: rows.at(-1)?.name ?? null,
    pending: files.filter((f) => !done.has(f.name)).length,
  };
}
