import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SerialPGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DbKind = 'pglite' | 'postgres';
export type Unlisten = () => Promise<void>;

/**
 * One handle on the database whichever engine is behind it. Everything above this file talks
 * Kysely; the few things Kysely does not do (multi-statement scripts, LISTEN) are here.
 */
export interface Db {
  kind: DbKind;
  kysely: Kysely<Database>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

// Dates stay 'YYYY-MM-DD' strings (a birth date has no time zone); int8 and numeric stay strings
// so no engine silently rounds them. Both engines get the same parsers.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const keepText = (v: string) => v;

export const PGLITE_EXTENSIONS = { ltree, cube, earthdistance, pg_trgm };

export async function openPGlite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
    parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText, [NUMERIC_OID]: keepText },
  });
  const kysely = new Kysely<Database>({ dialect: new SerialPGliteDialect(pglite) });
  return {
    kind: 'pglite',
    kysely,
    pglite,
    async listen(channel, onPayload) {
      const unsub = await pglite.listen(channel, onPayload);
      return unsub;
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  } as Db & { pglite: PGlite };
}

pg.types.setTypeParser(DATE_OID, keepText);

export async function openPostgres(url: string, poolSize = 10, onError: (err: Error) => void = () => undefined): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection that dies (server restart, admin termination) emits 'error'; without
  // a handler that would crash the process. The pool replaces it on the next checkout.
  pool.on('error', onError);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<{ stop(): Promise<void> }>();
  let closed = false;
  return {
    kind: 'postgres',
    kysely,
    async listen(channel, onPayload) {
      // A LISTEN connection that drops is re-opened with back-off, so consoles keep receiving
      // events after a database restart instead of going silent.
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (attempt: number): Promise<void> => {
        if (stopped || closed) return;
        const c = new pg.Client({ connectionString: url });
        c.on('error', (err) => onError(err));
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
        });
        c.on('end', () => {
          if (client === c && !stopped && !closed) setTimeout(() => void connect(1), 1000).unref();
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          client = c;
        } catch (err) {
          await c.end().catch(() => undefined);
          if (attempt === 0) throw err;
          setTimeout(() => void connect(attempt + 1), Math.min(1000 * 2 ** attempt, 30_000)).unref();
        }
      };
      await connect(0);
      const handle = {
        async stop() {
          stopped = true;
          await client?.end().catch(() => undefined);
        },
      };
      listeners.add(handle);
      return async () => {
        listeners.delete(handle);
        await handle.stop();
      };
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((l) => l.stop()));
      await kysely.destroy();
    },
  };
}

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string; onError?: (err: Error) => void }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, 10, opts.onError);
  return openPGlite(path.join(opts.dataDir, 'pgdata'));
}
