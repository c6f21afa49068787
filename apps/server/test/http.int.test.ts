import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

describe('service basics and error shapes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database kind and migrations', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', migrations: { pending: 0 } });
    expect(res.json().migrations.applied).toBeGreaterThan(0);
  });

  it('serves OpenAPI generated from the schemas and a docs UI', async () => {
    const spec = (await t.app.http.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/org-units', '/api/v1/auth/login', '/api/v1/auth/me']));
    expect(spec.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const docs = await t.app.http.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('exposes Prometheus metrics', async () => {
    await t.app.http.inject({ method: 'GET', url: '/healthz' });
    const res = await t.app.http.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/yiyang_http_request_duration_seconds_bucket\{.*route="\/healthz"/);
  });

  it('echoes a request id on every answer', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'req-12345678' } });
    expect(res.headers['x-request-id']).toBe('req-12345678');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers wrong types and missing fields with 400 naming the field', async () => {
    const res = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 42 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toMatch(/username|password/);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('answers an oversize body with 413', async () => {
    const res = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 401 without a session and 403 without the permission', async () => {
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/org-units' })).statusCode).toBe(401);
    const res = await t.as('family', { method: 'GET', url: '/api/v1/audit' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  it('never sends a stack trace', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/api/v1/org-units/not-a-uuid', headers: { authorization: `Bearer ${await t.token('admin')}` } });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects huge strings in input', async () => {
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/org-units', payload: { parentId: await t.unitId('湖滨街道'), name: '长'.repeat(500) } });
    expect(res.statusCode).toBe(400);
  });
});
