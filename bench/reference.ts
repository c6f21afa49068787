import pg from 'pg';

/**
 * The same-run reference that bench figures are divided by: how fast plain node-postgres inserts
 * small rows into the same server (single-row and 1,000-row batches), with nothing of ours in between.
 */
export async function rawInsertRate(databaseUrl: string, rows = 20_000): Promise<{ singleRowPerSec: number; batchedRowsPerSec: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('create temporary table bench_ref (id bigserial primary key, device text, at timestamptz, payload jsonb)');
    const single = Math.min(rows, 5_000);
    let t = performance.now();
    for (let i = 0; i < single; i++) {
      await client.query('insert into bench_ref (device, at, payload) values ($1, now(), $2)', [`d${i}`, '{"v":1}']);
    }
    const singleRowPerSec = single / ((performance.now() - t) / 1000);
    t = performance.now();
    for (let done = 0; done < rows; done += 1000) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let i = 0; i < 1000; i++) {
        params.push(`d${done + i}`, '{"v":1}');
        values.push(`($${params.length - 1}, now(), $${params.length})`);
      }
      await client.query(`insert into bench_ref (device, at, payload) values ${values.join(',')}`, params);
    }
    const batchedRowsPerSec = rows / ((performance.now() - t) / 1000);
    return { singleRowPerSec: Math.round(singleRowPerSec), batchedRowsPerSec: Math.round(batchedRowsPerSec) };
  } finally {
    await client.end();
  }
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return Number(sortedMs[Math.max(0, i)]!.toFixed(2));
}
