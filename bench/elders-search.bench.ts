/**
 * Finding elders on a large district: a name search and a filtered page, p50/p95 through the API
 * (auth, scope, SQL, serialisation). With BENCH_DATABASE_URL a fresh database is seeded with
 * 1,000,000 elders by the seed code (the target: p95 under 100 ms on PostgreSQL);
 * otherwise a smaller district on embedded PGlite. Reference: the same-run raw insert rate
 * (PostgreSQL) and a trivial query's latency through the same connection.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { openPGlite, openPostgres, type Db } from '../apps/server/src/platform/db/database.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { seedDemoDistrict } from '../apps/server/src/seed/demo.js';
import { testConfig } from '../apps/server/test/harness.js';
import { TEST_KEYS, TEST_PASSWORD, withDatabase } from '../apps/server/test/template.js';
import { percentile, rawInsertRate } from './reference.js';
import type { BenchContext } from './run.js';

const RUNS = 60;

export default async function eldersSearchBench(ctx: BenchContext) {
  const onPg = !!ctx.databaseUrl;
  const elders = Number(process.env.BENCH_ELDERS ?? (onPg ? 1_000_000 : 50_000));
  // BENCH_KEEP_DATABASE=1 keeps the seeded database (its name is logged); BENCH_REUSE_DATABASE=<name>
  // measures on one kept earlier, for iterating on query plans without a 15-minute seed each time.
  const reuse = onPg ? process.env.BENCH_REUSE_DATABASE : undefined;
  const dbName = reuse ?? `yiyang_bench_elders_${randomBytes(3).toString('hex')}`;
  let db: Db;
  if (reuse) db = await openPostgres(withDatabase(ctx.databaseUrl!, dbName), 5);
  else if (onPg) {
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    db = await openPostgres(withDatabase(ctx.databaseUrl!, dbName), 5);
  } else db = await openPGlite(undefined);
  try {
    await migrate(db);
    let t = performance.now();
    let lastLog = 0;
    if (!reuse) await seedDemoDistrict(db.kysely, {
      password: TEST_PASSWORD, elders, seed: 11, keys: TEST_KEYS,
      onProgress: (done, total, label) => {
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          ctx.log(`seeding ${label}: ${done}/${total}`);
        }
      },
    });
    const seedSeconds = (performance.now() - t) / 1000;
    // As autovacuum would leave a settled table: statistics, and the visibility map index-only scans need.
    await sql`vacuum analyze`.execute(db.kysely);
    ctx.log(reuse ? `measuring on the kept database ${dbName}` : `seeded ${elders} elders on ${db.kind} (database ${dbName}) in ${seedSeconds.toFixed(0)} s`);

    const app = await buildApp({ config: testConfig(), db });
    await app.http.ready();
    const token = async (username: string) => ((await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } })).json() as { token: string }).token;
    const admin = await token('admin');
    const street = (await db.kysely.selectFrom('org_units').select('id').where('level', '=', 'street').orderBy('path').executeTakeFirstOrThrow()).id;

    const time = async (label: string, url: string) => {
      const ms: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        const res = await app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
        const elapsed = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        total = (res.json() as { total: number }).total;
        if (i >= 5) ms.push(elapsed); // the first runs warm caches
      }
      ms.sort((a, b) => a - b);
      const out = { p50: percentile(ms, 50), p95: percentile(ms, 95), matches: total };
      ctx.log(`${label}: p50 ${out.p50} ms, p95 ${out.p95} ms (${total} matches)`);
      return out;
    };
    const q = (s: string) => encodeURIComponent(s);
    const results = {
      nameSearch3Chars: await time('name search 王秀英', `/api/v1/elders?q=${q('王秀英')}`),
      nameSearch2Chars: await time('name search 秀英', `/api/v1/elders?q=${q('秀英')}`),
      initialsSearch: await time('initials wxy', '/api/v1/elders?q=wxy'),
      filteredPage: await time('filtered page', `/api/v1/elders?orgUnitId=${street}&category=aged_80_plus&careLevel=2,3,4&livingSituation=living_alone&sort=name&page=2`),
      districtAgeBand: await time('district age band', '/api/v1/elders?ageMin=80&ageMax=89&sort=-age&page=3'),
      // A rare category across the district: too sparse for the name order, found through its GIN index.
      districtRareCategory: await time('district rare category', '/api/v1/elders?category=dispersed_special_hardship&careLevel=3,4'),
    };

    // Export of one street's elders (a sixth of the district) to .xlsx through the API, masked:
    // keyset batches and a streamed workbook, so memory should not grow with the row count.
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const exported = await app.http.inject({ method: 'GET', url: `/api/v1/elders/export?orgUnitId=${street}`, headers: { authorization: `Bearer ${admin}` } });
    const exportSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (exported.statusCode !== 200) throw new Error(`export: ${exported.statusCode} ${exported.body.slice(0, 200)}`);
    const streetElders = Number((await db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n'))
      .where(sql<boolean>`org_unit_id in (select id from org_units where path <@ (select path from org_units where id = ${street}))`).executeTakeFirstOrThrow()).n);
    const streetExport = {
      rows: streetElders,
      seconds: Number(exportSeconds.toFixed(1)),
      rowsPerSec: Math.round(streetElders / exportSeconds),
      fileMB: Number((exported.rawPayload.length / 1e6).toFixed(1)),
      // Includes the whole file held by the in-process test client (a browser download streams it).
      peakRssGrowthMB: Math.round((rssPeak - rssBefore) / 1e6),
    };
    ctx.log(`street export: ${streetExport.rows} rows in ${streetExport.seconds} s (${streetExport.fileMB} MB, RSS +${streetExport.peakRssGrowthMB} MB)`);

    // Reference: a trivial query through the same database connection, and (PostgreSQL) raw inserts.
    const ref: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await sql`select 1`.execute(db.kysely);
      ref.push(performance.now() - t0);
    }
    ref.sort((a, b) => a - b);
    const reference = {
      trivialQueryP50Ms: percentile(ref, 50),
      ...(onPg ? await rawInsertRate(withDatabase(ctx.databaseUrl!, dbName)) : {}),
    };
    await app.close();
    const worstP95 = Math.max(...Object.values(results).map((r) => r.p95));
    const seeded = Number((await db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      database: db.kind,
      elders: seeded,
      ...(reuse ? { reusedDatabase: dbName } : { seedSeconds: Math.round(seedSeconds) }),
      ...results,
      worstP95Ms: worstP95,
      streetExport,
      targetP95Ms: onPg ? 100 : null,
      reference,
      worstP95OverTrivialQuery: Number((worstP95 / Math.max(0.01, reference.trivialQueryP50Ms)).toFixed(1)),
    };
  } finally {
    await db.close();
    if (onPg && !reuse && !process.env.BENCH_KEEP_DATABASE) {
      const admin = new pg.Client({ connectionString: ctx.databaseUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`).finally(() => admin.end());
    }
  }
}
