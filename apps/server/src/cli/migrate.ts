import { loadConfig } from '../platform/config.js';
import { lockDataDir } from '../platform/datadir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import { migrate, migrationStatus } from '../platform/db/migrate.js';

const config = loadConfig();
const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
const db = await openDatabase(config);
try {
  const applied = await migrate(db);
  const status = await migrationStatus(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
  console.log(`database is at ${status.latest} (${status.applied} migrations)`);
} finally {
  await db.close();
  unlock();
}
