import { describe, expect, it } from 'vitest';
import { ASSESSMENT_ITEMS, type AssessmentItems } from '@yiyang/contracts';
import { assess, DEFAULT_TIER_MAPPING, isDementia, isPsychiatricDisorder, preliminaryLevelOf, type TierMapping } from './elders.assessment.js';

const full = (): AssessmentItems => Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.max])) as AssessmentItems;
/** Items adding up to `total`, taking points away item by item from a full score. */
function itemsTotalling(total: number): AssessmentItems {
  const items = full();
  let remove = 90 - total;
  for (const i of ASSESSMENT_ITEMS) {
    const take = Math.min(remove, i.max);
    items[i.code] -= take;
    remove -= take;
  }
  return items;
}
const noRisk = { falls: 0, choking: 0, wandering: 0, selfHarm: 0 };
const run = (total: number, extra: Partial<{ coma: boolean; diagnoses: string[]; riskEvents30d: typeof noRisk }> = {}) =>
  assess({ items: itemsTotalling(total), coma: false, diagnoses: [], riskEvents30d: noRisk, ...extra });

describe('capability assessment (GB/T 42195-2022)', () => {
  it('has 26 items worth 90 points', () => {
    expect(ASSESSMENT_ITEMS).toHaveLength(26);
    expect(ASSESSMENT_ITEMS.reduce((s, i) => s + i.max, 0)).toBe(90);
    expect(assess({ items: full(), coma: false, diagnoses: [], riskEvents30d: noRisk }).domainScores).toEqual({ self_care: 32, mobility: 15, mental: 28, perception_social: 15 });
  });

  it.each([
    [90, 0], [89, 1], [66, 1], [65, 2], [46, 2], [45, 3], [30, 3], [29, 4], [0, 4],
  ])('total %i is preliminary level %i', (total, level) => {
    expect(preliminaryLevelOf(total)).toBe(level);
    const r = run(total);
    expect(r).toMatchObject({ totalScore: total, preliminaryLevel: level, level, reasons: [] });
  });

  it('puts an elder in a coma at level 4 whatever the total, and no other rule adds to it', () => {
    expect(run(90, { coma: true })).toMatchObject({ preliminaryLevel: 0, level: 4, reasons: ['coma'], careTier: 'full_care' });
    expect(run(50, { coma: true, diagnoses: ['F01'] })).toMatchObject({ level: 4, reasons: ['coma'] });
  });

  it('raises one level for dementia F00–F03', () => {
    for (const code of ['F00', 'F01', 'F02.3', 'F03']) expect(run(90, { diagnoses: [code] })).toMatchObject({ level: 1, reasons: ['dementia'] });
  });

  it('raises one level for another psychiatric disorder F04–F99, not for other chapters', () => {
    for (const code of ['F04', 'F32', 'F99']) expect(run(66, { diagnoses: [code] })).toMatchObject({ preliminaryLevel: 1, level: 2, reasons: ['psychiatric_disorder'] });
    expect(run(66, { diagnoses: ['I10', 'G30'] })).toMatchObject({ level: 1, reasons: [] });
    expect(isDementia('F04')).toBe(false);
    expect(isPsychiatricDisorder('F03')).toBe(false);
  });

  it('raises one level for two or more risk events in 30 days, counted across kinds', () => {
    expect(run(46, { riskEvents30d: { ...noRisk, falls: 1 } })).toMatchObject({ level: 2, reasons: [] });
    expect(run(46, { riskEvents30d: { ...noRisk, falls: 2 } })).toMatchObject({ level: 3, reasons: ['risk_events'] });
    expect(run(46, { riskEvents30d: { ...noRisk, choking: 1, wandering: 1 } })).toMatchObject({ level: 3, reasons: ['risk_events'] });
    expect(run(46, { riskEvents30d: { ...noRisk, selfHarm: 1, falls: 1 } })).toMatchObject({ level: 3 });
  });

  it('raises only once when several rules hold, and never past level 4', () => {
    expect(run(45, { diagnoses: ['F01', 'F20'], riskEvents30d: { ...noRisk, falls: 3 } })).toMatchObject({ preliminaryLevel: 3, level: 4, reasons: ['dementia', 'psychiatric_disorder', 'risk_events'] });
    expect(run(20, { diagnoses: ['F01'] })).toMatchObject({ preliminaryLevel: 4, level: 4, reasons: ['dementia'] });
  });

  it('maps levels to care tiers, by default 0–1 self-care, 2 semi-care, 3–4 full care', () => {
    expect([90, 70, 50, 35, 10].map((t) => run(t).careTier)).toEqual(['self_care', 'self_care', 'semi_care', 'full_care', 'full_care']);
    const bureau: TierMapping = ['self_care', 'semi_care', 'semi_care', 'full_care', 'full_care'];
    expect(assess({ items: itemsTotalling(70), coma: false, diagnoses: [], riskEvents30d: noRisk }, bureau).careTier).toBe('semi_care');
    expect(DEFAULT_TIER_MAPPING).toHaveLength(5);
  });

  it('refuses an item outside its range', () => {
    expect(() => assess({ items: { ...full(), stairs: 4 }, coma: false, diagnoses: [], riskEvents30d: noRisk })).toThrow(/stairs/);
  });
});
