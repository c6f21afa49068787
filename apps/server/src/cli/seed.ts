import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../platform/config.js';
import { lockDataDir } from '../platform/datadir-lock.js';
import { ensureDemoKeys } from '../platform/demo-keys.js';
import { openDatabase } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { generateDemoPassword, isSeeded, seedDemoDistrict } from '../seed/demo.js';
import { seedMore } from '../seed/more.js';

const { values } = parseArgs({ options: { elders: { type: 'string', default: '3000' }, seed: { type: 'string' } } });
const elders = Number(values.elders);
if (!Number.isInteger(elders) || elders < 0 || elders > 5_000_000) {
  console.error('--elders must be a whole number from 0 to 5,000,000');
  process.exit(2);
}

const config = ensureDemoKeys(loadConfig());
const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
const db = await openDatabase(config);
const bar = new cliProgress.SingleBar({ format: '{label} [{bar}] {percentage}% {value}/{total} {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic);
let current = '';
const onProgress = (done: number, total: number, label: string) => {
  if (label !== current) {
    if (current) bar.stop();
    current = label;
    bar.start(total, done, { label });
  } else bar.update(done);
};
try {
  await migrate(db);
  const t0 = Date.now();
  if (!(await isSeeded(db.kysely))) {
    const password = config.demoPassword ?? generateDemoPassword();
    await seedDemoDistrict(db.kysely, { password, elders, keys: config.keys, onProgress, ...(values.seed ? { seed: Number(values.seed) } : {}) });
    if (current) bar.stop();
    console.log(`seeded the demo district in ${((Date.now() - t0) / 1000).toFixed(1)} s; demo password: ${password}`);
  } else {
    await seedMore(db.kysely, { elders, keys: config.keys, onProgress, demoPassword: config.demoPassword ?? '' });
    if (current) bar.stop();
    console.log(`added ${elders} elders to the existing district in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await db.close();
  unlock();
}
