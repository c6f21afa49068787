import { buildApp, type App } from './app.js';
import { ensureDemoKeys } from './platform/demo-keys.js';
import type { Config } from './platform/config.js';
import { openDatabase, type Db } from './platform/db/database.js';
import { lockDataDir } from './platform/datadir-lock.js';
import { migrate } from './platform/db/migrate.js';
import { DEMO_USERNAMES, generateDemoPassword, isSeeded, seedDemoDistrict } from './seed/demo.js';

export interface Running {
  app: App;
  db: Db;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database (locking DATA_DIR for embedded PGlite), migrates, seeds the demo district
 * on first run, and starts HTTP and background work. Used by main.ts and by tests that need a
 * real listening server.
 */
export async function startServer(baseConfig: Config, log: (line: string) => void = console.log): Promise<Running> {
  const config = baseConfig.demo ? ensureDemoKeys(baseConfig) : baseConfig;
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  let db: Db | undefined;
  try {
    const t0 = Date.now();
    db = await openDatabase({ ...config, onError: (err) => console.error(`database connection error (will reconnect): ${err.message}`) });
    const applied = await migrate(db);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    if (config.demo && !(await isSeeded(db.kysely))) {
      const password = config.demoPassword ?? generateDemoPassword();
      log('seeding the demo district (first run only)…');
      await seedDemoDistrict(db.kysely, { password, elders: config.demoElders, keys: config.keys });
      log(demoBanner(password, !config.demoPassword));
    }
    const app = await buildApp({ config, db });
    await app.startBackground();
    const address = await app.http.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    const url = `http://localhost:${port}`;
    log(`Yiyang ${db.kind === 'pglite' ? `on embedded PGlite (${config.dataDir})` : 'on PostgreSQL'} ready in ${Date.now() - t0} ms: ${url}`);
    const openDb = db;
    return {
      app,
      db: openDb,
      url,
      async stop() {
        await app.close();
        await openDb.close();
        unlock();
      },
    };
  } catch (err) {
    await db?.close().catch(() => undefined);
    unlock();
    throw err;
  }
}

function demoBanner(password: string, generated: boolean): string {
  const lines = [
    '',
    '────────────────────────── demo logins ──────────────────────────',
    `  usernames: ${DEMO_USERNAMES.join(', ')}`,
    `  password:  ${password}${generated ? '   (generated now and shown only this once; set DEMO_PASSWORD to choose one)' : ''}`,
    `  call button demo-button-1 signs with the same secret (docs/devices.md)`,
    '─────────────────────────────────────────────────────────────────',
    '',
  ];
  return lines.join('\n');
}
