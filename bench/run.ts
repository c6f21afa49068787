/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and writes
 * each result to bench/results/<name>.json. Figures are reported as ratios against a reference
 * measured in the same run on the same machine, never as absolute pass/fail thresholds.
 *
 * Each bench file default-exports `async (ctx: BenchContext) => Record<string, unknown>`.
 * Set BENCH_DATABASE_URL to run against PostgreSQL (the issues' targets are stated for it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchContext {
  /** PostgreSQL URL of a server the bench may create databases on, if any. */
  databaseUrl: string | undefined;
  log: (line: string) => void;
}

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, '');
  console.log(`\n▶ ${name}`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: (ctx: BenchContext) => Promise<Record<string, unknown>> };
  const t0 = Date.now();
  const result = await mod.default({ databaseUrl: process.env.BENCH_DATABASE_URL, log: (l) => console.log(`  ${l}`) });
  const out = { name, at: new Date().toISOString(), durationMs: Date.now() - t0, machine, ...result };
  fs.writeFileSync(path.join(dir, 'results', `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`  → bench/results/${name}.json`);
}
