/**
 * Excel import of 50,000 elders on embedded PGlite (the target: under a minute), end to
 * end through the API: upload, validate every row, write. The reference is a raw batched insert of
 * as many small rows into the same PGlite instance, so the ratio says what our validation,
 * encryption and indexes cost on this machine.
 */
import { sql } from 'kysely';
import { buildApp } from '../apps/server/src/app.js';
import { openPGlite } from '../apps/server/src/platform/db/database.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { seedDemoDistrict } from '../apps/server/src/seed/demo.js';
import { testConfig } from '../apps/server/test/harness.js';
import { TEST_KEYS, TEST_PASSWORD } from '../apps/server/test/template.js';
import { elderWorkbook, sampleRow } from '../apps/server/test/support/elders-xlsx.js';
import type { BenchContext } from './run.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);

export default async function eldersImportBench(ctx: BenchContext) {
  const db = await openPGlite(undefined);
  await migrate(db);
  await seedDemoDistrict(db.kysely, { password: TEST_PASSWORD, elders: 1000, seed: 7, keys: TEST_KEYS });
  const app = await buildApp({ config: testConfig(), db });
  await app.http.ready();
  try {
    const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'community', password: TEST_PASSWORD } });
    const token = (login.json() as { token: string }).token;

    let t = performance.now();
    const file = await elderWorkbook(Array.from({ length: ROWS }, (_, i) => sampleRow(i, '东坡社区/第一网格')));
    ctx.log(`built a ${ROWS}-row workbook (${(file.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/v1/elders/import?fileName=bench.xlsx',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: file,
    });
    if (res.statusCode !== 202) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
    const uploadMs = performance.now() - t;
    await app.jobs.runDue();
    const totalMs = performance.now() - t;
    const report = (await app.http.inject({ method: 'GET', url: `/api/v1/elders/imports/${res.json().id}`, headers: { authorization: `Bearer ${token}` } })).json() as { status: string; importedRows: number; errorRows: number };
    if (report.status !== 'done' || report.importedRows !== ROWS) throw new Error(`import ended ${JSON.stringify(report).slice(0, 300)}`);
    ctx.log(`imported ${report.importedRows} rows in ${(totalMs / 1000).toFixed(1)} s (upload ${uploadMs.toFixed(0)} ms)`);

    // Same-run reference: raw batched inserts into the same PGlite, nothing of ours in between.
    await sql`create temporary table bench_ref (id bigserial primary key, device text, at timestamptz, payload jsonb)`.execute(db.kysely);
    t = performance.now();
    for (let done = 0; done < ROWS; done += 1000) {
      await db.kysely.insertInto('bench_ref' as never).values(Array.from({ length: 1000 }, (_, i) => ({ device: `d${done + i}`, at: new Date(), payload: '{"v":1}' })) as never).execute();
    }
    const refRowsPerSec = ROWS / ((performance.now() - t) / 1000);
    const importRowsPerSec = ROWS / (totalMs / 1000);
    return {
      database: 'pglite',
      rows: ROWS,
      fileMB: Number((file.length / 1e6).toFixed(2)),
      importSeconds: Number((totalMs / 1000).toFixed(2)),
      importRowsPerSec: Math.round(importRowsPerSec),
      targetSeconds: 60,
      reference: { rawBatchedRowsPerSec: Math.round(refRowsPerSec) },
      ratioToRawInsert: Number((importRowsPerSec / refRowsPerSec).toFixed(3)),
    };
  } finally {
    await app.close();
    await db.close();
  }
}
