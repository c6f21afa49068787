import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import type { Db } from '../src/platform/db/database.js';
import { createTestDb, testConfig, TEST_PASSWORD } from './harness.js';

/** The request log is data at rest too: a number typed into a search box must not land there in full. */
describe('request log and personal numbers', () => {
  let db: Db;
  let app: App;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    const logStream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    app = await buildApp({ config: testConfig({ LOG_LEVEL: 'info' }), db, logStream });
    await app.http.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('logs searches by ID-card or phone number with the number masked', async () => {
    const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'community', password: TEST_PASSWORD } });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const searches = ['11010519491231002x', '13812345678', '0571-87654321', '138 1234 5678', '110105194912310021'];
    for (const q of searches) {
      const res = await app.http.inject({ method: 'GET', url: `/api/v1/elders?q=${encodeURIComponent(q)}&pageSize=5`, headers });
      expect(res.statusCode).toBe(200);
    }
    const res = await app.http.inject({ method: 'GET', url: '/api/v1/elders/export?q=110105194912310021', headers });
    expect(res.statusCode).toBe(200);
    const log = lines.join('');
    expect(log).toContain('/api/v1/elders?q=');
    for (const n of ['11010519491231002', '13812345678', '87654321', '1234%205678', '1234 5678']) expect(log).not.toContain(n);
    // The rest of the request stays readable for whoever investigates.
    expect(log).toContain('pageSize=5');
    expect(log).toMatch(/110105\*+002X/i);
  });
});
