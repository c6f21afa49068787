import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_ITEMS } from '@yiyang/contracts';
import { createTestApp, type TestApp } from './harness.js';

const full = () => Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.max])) as Record<string, number>;
function totalling(total: number) {
  const items = full();
  let remove = 90 - total;
  for (const i of ASSESSMENT_ITEMS) {
    const take = Math.min(remove, i.max);
    items[i.code]! -= take;
    remove -= take;
  }
  return items;
}

describe('assessments and health record', () => {
  let t: TestApp;
  let elderId: string; // 张秀兰, the family account's elder in 东坡社区
  beforeAll(async () => {
    t = await createTestApp();
    elderId = (await t.as('family', { method: 'GET', url: '/api/v1/elders' })).json().items[0].id;
  });
  afterAll(() => t.close());

  const post = (payload: Record<string, unknown>, user = 'community') => t.as(user, { method: 'POST', url: `/api/v1/elders/${elderId}/assessments`, payload });
  const base = (over: Record<string, unknown> = {}) => ({ reason: 'routine', assessedAt: '2026-11-20', items: full(), ...over });

  it.each([
    [90, 0], [89, 1], [66, 1], [65, 2], [46, 2], [45, 3], [30, 3], [29, 4],
  ])('total %i answers level %i and sets the elder’s level', async (total, level) => {
    const res = await post(base({ items: totalling(total) }));
    expect(res.statusCode).toBe(201);
    const tier = level <= 1 ? 'self_care' : level === 2 ? 'semi_care' : 'full_care';
    expect(res.json()).toEqual({ id: expect.any(String), totalScore: total, preliminaryLevel: level, level, reasons: [], careTier: tier });
    const elder = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${elderId}` })).json();
    expect(elder).toMatchObject({ careLevel: level, careTier: tier });
  });

  it('applies the overrides: coma, dementia, psychiatric disorder, risk events — raised once, capped at 4', async () => {
    expect((await post(base({ coma: true }))).json()).toMatchObject({ preliminaryLevel: 0, level: 4, reasons: ['coma'], careTier: 'full_care' });
    expect((await post(base({ diagnoses: ['F01'] }))).json()).toMatchObject({ level: 1, reasons: ['dementia'] });
    expect((await post(base({ items: totalling(50), diagnoses: ['f20'] }))).json()).toMatchObject({ preliminaryLevel: 2, level: 3, reasons: ['psychiatric_disorder'] });
    expect((await post(base({ items: totalling(70), riskEvents30d: { falls: 1, choking: 1, wandering: 0, selfHarm: 0 } }))).json()).toMatchObject({ level: 2, reasons: ['risk_events'] });
    expect((await post(base({ items: totalling(70), riskEvents30d: { falls: 1, choking: 0, wandering: 0, selfHarm: 0 } }))).json()).toMatchObject({ level: 1, reasons: [] });
    expect((await post(base({ items: totalling(40), diagnoses: ['F03', 'F32'], riskEvents30d: { falls: 3, choking: 0, wandering: 0, selfHarm: 0 } }))).json()).toMatchObject({ level: 4, reasons: ['dementia', 'psychiatric_disorder', 'risk_events'] });
    expect((await post(base({ items: totalling(10), diagnoses: ['F00'] }))).json()).toMatchObject({ preliminaryLevel: 4, level: 4 });
  });

  it('answers 400 naming a missing or out-of-range item', async () => {
    const { stairs: _omit, ...missing } = full();
    const res = await post(base({ items: missing }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('stairs');
    const over = await post(base({ items: { ...full(), consciousness: 3 } }));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('consciousness');
    for (const bad of [{ ...full(), eating: 2.5 }, { ...full(), eating: -1 }, { ...full(), eating: '4' }, { ...full(), extra: 1 }]) {
      expect((await post(base({ items: bad }))).statusCode).toBe(400);
    }
    expect((await post(base({ reason: 'whim' }))).statusCode).toBe(400);
    expect((await post(base({ assessedAt: '2026-02-30' }))).statusCode).toBe(400);
    expect((await post(base({ assessedAt: '2099-01-01' }))).statusCode).toBe(400);
    expect((await post(base({ diagnoses: ['dementia'] }))).statusCode).toBe(400);
    expect((await post(base(), 'family')).statusCode).toBe(403);
    expect((await post(base(), 'admin')).statusCode).toBe(201);
  });

  it('keeps history with assessor, date and answers; a back-dated assessment does not override the latest', async () => {
    await post(base({ assessedAt: '2026-11-21', items: totalling(50) }));
    const older = await post(base({ assessedAt: '2025-01-01', items: totalling(90) }));
    expect(older.statusCode).toBe(201);
    const elder = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${elderId}` })).json();
    expect(elder.careLevel).toBe(2);
    const history = (await t.as('family', { method: 'GET', url: `/api/v1/elders/${elderId}/assessments` })).json().items;
    expect(history[0]).toMatchObject({ assessedAt: '2026-11-21', totalScore: 50, assessor: { name: expect.any(String) }, reason: 'routine' });
    expect(history.at(-1)).toMatchObject({ assessedAt: '2025-01-01', items: full() });
    expect(history[0].domainScores).toBeDefined();
  });

  it('refuses an assessment for another community’s elder with 404', async () => {
    const foreign = (await t.as('admin', { method: 'GET', url: '/api/v1/elders?pageSize=200' })).json().items.find((e: { orgUnitName: string; id: string }) => e.id !== elderId);
    const street = await t.as('grid', { method: 'GET', url: `/api/v1/elders/${foreign.id}` });
    if (street.statusCode === 404) {
      expect((await t.as('grid', { method: 'POST', url: `/api/v1/elders/${foreign.id}/assessments`, payload: base() })).statusCode).toBe(404);
    }
    expect((await t.as('community', { method: 'POST', url: '/api/v1/elders/00000000-0000-4000-8000-000000000000/assessments', payload: base() })).statusCode).toBe(404);
  });

  it('records conditions, allergies, medications and disabilities, ends them, and shows them in the essentials', async () => {
    const add = (payload: Record<string, unknown>) => t.as('community', { method: 'POST', url: `/api/v1/elders/${elderId}/health-items`, payload });
    const htn = await add({ kind: 'condition', name: '高血压', code: 'I10', since: '2010-05-01' });
    expect(htn.statusCode).toBe(201);
    expect((await add({ kind: 'medication', name: '氨氯地平', dose: '5mg', route: '口服', frequency: '每日一次' })).statusCode).toBe(201);
    expect((await add({ kind: 'allergy', name: '青霉素', reaction: '皮疹', severity: 'moderate' })).statusCode).toBe(201);
    expect((await add({ kind: 'disability', name: '肢体残疾', grade: 3 })).statusCode).toBe(201);
    for (const bad of [{ kind: 'mood', name: 'x' }, { kind: 'condition' }, { kind: 'condition', name: 'x'.repeat(101) }, { kind: 'condition', name: 'x', code: 'hypertension' }, { kind: 'disability', name: 'x', grade: 9 }]) {
      expect((await add(bad)).statusCode).toBe(400);
    }
    const list = (await t.as('family', { method: 'GET', url: `/api/v1/elders/${elderId}/health-items` })).json().items;
    expect(new Set(list.map((i: { kind: string }) => i.kind))).toEqual(new Set(['allergy', 'condition', 'disability', 'medication']));
    const ended = await t.as('community', { method: 'POST', url: `/api/v1/elders/${elderId}/health-items/${htn.json().id}/end` });
    expect(ended.json()).toMatchObject({ active: false });
    expect((await t.as('community', { method: 'POST', url: `/api/v1/elders/${elderId}/health-items/${htn.json().id}/end` })).statusCode).toBe(409);
    const current = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${elderId}/health-items` })).json().items;
    expect(current.find((i: { id: string }) => i.id === htn.json().id)).toBeUndefined();
    const all = (await t.as('community', { method: 'GET', url: `/api/v1/elders/${elderId}/health-items?includeEnded=true` })).json().items;
    expect(all.find((i: { id: string }) => i.id === htn.json().id)).toBeDefined();
  });

  it('records measurements over time and returns them oldest first per kind', async () => {
    const add = (payload: Record<string, unknown>) => t.as('community', { method: 'POST', url: `/api/v1/elders/${elderId}/measurements`, payload });
    expect((await add({ kind: 'blood_pressure', measuredAt: '2026-11-02T08:00:00+08:00', systolic: 150, diastolic: 92 })).statusCode).toBe(201);
    expect((await add({ kind: 'blood_pressure', measuredAt: '2026-11-01T08:00:00+08:00', systolic: 142, diastolic: 88 })).statusCode).toBe(201);
    expect((await add({ kind: 'glucose', measuredAt: '2026-11-01T07:00:00+08:00', value: 6.8, context: 'fasting' })).json()).toMatchObject({ value: 6.8, unit: 'mmol/L', context: 'fasting' });
    expect((await add({ kind: 'weight', measuredAt: '2026-11-01T07:00:00+08:00', value: 52.5 })).statusCode).toBe(201);
    expect((await add({ kind: 'heart_rate', measuredAt: '2026-11-01T07:00:00+08:00', value: 76 })).statusCode).toBe(201);
    for (const bad of [
      { kind: 'blood_pressure', measuredAt: '2026-11-01T08:00:00+08:00', systolic: 80, diastolic: 90 },
      { kind: 'blood_pressure', measuredAt: '2026-11-01T08:00:00+08:00', value: 120 },
      { kind: 'weight', measuredAt: '2026-11-01T08:00:00+08:00', value: 525 },
      { kind: 'heart_rate', measuredAt: 'yesterday', value: 70 },
      { kind: 'heart_rate', measuredAt: '2099-11-01T08:00:00+08:00', value: 70 },
      { kind: 'temperature', measuredAt: '2026-11-01T08:00:00+08:00', value: 37 },
    ]) expect((await add(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    const bp = (await t.as('family', { method: 'GET', url: `/api/v1/elders/${elderId}/measurements?kind=blood_pressure&from=2026-10-31T00:00:00Z` })).json().items;
    expect(bp.map((m: { systolic: number }) => m.systolic)).toEqual([142, 150]);
    // The seeded check-ups come first: the series is in time order.
    const series = (await t.as('family', { method: 'GET', url: `/api/v1/elders/${elderId}/measurements?kind=blood_pressure` })).json().items.map((m: { measuredAt: string }) => m.measuredAt);
    expect([...series].sort()).toEqual(series);
    expect((await t.as('caregiver', { method: 'GET', url: `/api/v1/elders/${elderId}/measurements` })).statusCode).toBe(404);
    expect((await t.as('family', { method: 'POST', url: `/api/v1/elders/${elderId}/measurements`, payload: { kind: 'heart_rate', measuredAt: '2026-11-01T07:00:00+08:00', value: 70 } })).statusCode).toBe(403);
  });

  it('gives other modules the essentials, scoped like the API', async () => {
    const { getElderEssentials, assertElderInScope } = await import('../src/modules/elders/index.js');
    const { actorFromToken } = await import('../src/platform/auth/sessions.js');
    const actor = (await actorFromToken(t.db.kysely, await t.token('operator'), 30))!;
    const e = await getElderEssentials(t.db.kysely, actor, elderId);
    expect(e).toMatchObject({ name: '张秀兰', age: 84, sex: 'female', livingSituation: ['living_alone'], status: 'active', served: true });
    expect(e.medications).toContainEqual({ name: '氨氯地平', dose: '5mg', frequency: '每日一次' });
    expect(e.allergies).toContainEqual({ name: '青霉素', reaction: '皮疹' });
    expect(e.emergencyContacts[0]!.phone).toContain('****');
    const caregiver = (await actorFromToken(t.db.kysely, await t.token('caregiver'), 30))!;
    await expect(assertElderInScope(t.db.kysely, caregiver, elderId)).rejects.toMatchObject({ status: 404 });
  });
});
