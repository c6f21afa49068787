import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../src/platform/datadir-lock.js';
import { startServer } from '../src/server.js';
import { testConfig, TEST_PASSWORD } from './harness.js';

// The embedded-database start path: file-backed PGlite under DATA_DIR. (On PostgreSQL the same
// code path runs in every other test file through the template database.)
describe.skipIf(!!process.env.TEST_DATABASE_URL)('first and second start on embedded PGlite', () => {
  it('seeds once, refuses a second server on the same DATA_DIR, and adds nothing on restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-start-'));
    const config = testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_PASSWORD: TEST_PASSWORD, DEMO_ELDERS: '200' });
    const lines: string[] = [];
    const first = await startServer({ ...config, demo: true }, (l) => lines.push(l));
    try {
      expect(lines.join('\n')).toMatch(/demo logins/);
      expect(lines.join('\n')).toMatch(/admin, street, community, grid, operator, provider, caregiver, responder, family/);
      const health = (await fetch(`${first.url}/healthz`).then((r) => r.json())) as { db: string };
      expect(health.db).toBe('pglite');
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      await expect(startServer(config, () => undefined)).rejects.toThrow(DataDirInUseError);
      // A second server process on the same directory refuses to start, saying why.
      const other = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO_PASSWORD: TEST_PASSWORD, DEMO_ELDERS: '200', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(other.status).toBe(2);
      expect(other.stderr).toMatch(/already in use by process \d+/);
    } finally {
      await first.stop();
    }
    const count = async (db: Awaited<ReturnType<typeof startServer>>['db']) => ({
      units: Number((await db.kysely.selectFrom('org_units').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
      users: Number((await db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
      elders: Number((await db.kysely.selectFrom('elders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    });
    const secondLines: string[] = [];
    const second = await startServer(config, (l) => secondLines.push(l));
    try {
      const c = await count(second.db);
      expect(c.users).toBe(9);
      expect(c.units).toBeGreaterThan(700);
      expect(c.elders).toBe(201); // 200 plus the family account's elder
      expect(secondLines.join('\n')).not.toMatch(/demo logins/);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
