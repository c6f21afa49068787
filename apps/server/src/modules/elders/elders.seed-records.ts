import { ASSESSMENT_ITEMS, type AssessmentItems } from '@yiyang/contracts';
import type { Insertable } from 'kysely';
import type { Rng } from '../../seed/rng.js';
import { assess } from './elders.assessment.js';
import type { ElderAssessmentsTable, ElderHealthItemsTable, ElderMeasurementsTable } from './elders.tables.js';

/** Score bands per level, so a seeded assessment agrees with the elder's seeded care level. */
const BANDS: [number, number][] = [[90, 90], [66, 89], [46, 65], [30, 45], [5, 29]];

function itemsForTotal(r: Rng, total: number): AssessmentItems {
  const items = Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.max])) as AssessmentItems;
  let remove = 90 - total;
  while (remove > 0) {
    const item = r.pick(ASSESSMENT_ITEMS);
    if (items[item.code] > 0) {
      items[item.code]--;
      remove--;
    }
  }
  return items;
}

const CONDITIONS = [
  { p: 0.45, name: '高血压', code: 'I10', drug: { name: '苯磺酸氨氯地平片', dose: '5mg', frequency: '每日一次' } },
  { p: 0.2, name: '2型糖尿病', code: 'E11', drug: { name: '盐酸二甲双胍片', dose: '0.5g', frequency: '每日三次' } },
  { p: 0.12, name: '冠心病', code: 'I25', drug: { name: '阿司匹林肠溶片', dose: '100mg', frequency: '每日一次' } },
  { p: 0.06, name: '慢性阻塞性肺疾病', code: 'J44', drug: { name: '噻托溴铵吸入粉雾剂', dose: '18μg', frequency: '每日一次' } },
  { p: 0.08, name: '骨质疏松', code: 'M81', drug: { name: '碳酸钙D3片', dose: '600mg', frequency: '每日一次' } },
] as const;
const ALLERGIES = [['青霉素', '皮疹'], ['磺胺类药物', '荨麻疹'], ['海鲜', '瘙痒'], ['花粉', '哮喘发作']] as const;

export interface SeedElderRef {
  id: string;
  care_level: number | null;
  living_situation: string[];
}

/**
 * An elder's history for the demo: an assessment agreeing with the care level, chronic conditions
 * with their medications, an allergy now and then, and months of check-up measurements.
 */
export function makeSeedRecords(r: Rng, elders: SeedElderRef[], share: { assessment: number; healthItems: number; measurements: number }, today = new Date()) {
  const assessments: Insertable<ElderAssessmentsTable>[] = [];
  const items: Insertable<ElderHealthItemsTable>[] = [];
  const measurements: Insertable<ElderMeasurementsTable>[] = [];
  const day = 86_400_000;
  for (const e of elders) {
    const dementia = e.living_situation.includes('dementia');
    if (e.care_level !== null && r.chance(share.assessment)) {
      // With dementia the standard raises the level by one, so the total sits one band lower.
      const band = dementia && e.care_level > 0 ? e.care_level - 1 : e.care_level;
      const [lo, hi] = BANDS[band]!;
      const answers = itemsForTotal(r, r.int(lo, hi));
      const diagnoses = dementia ? ['F03'] : [];
      const riskEvents30d = { falls: 0, choking: 0, wandering: 0, selfHarm: 0 };
      const outcome = assess({ items: answers, coma: false, diagnoses, riskEvents30d });
      assessments.push({
        elder_id: e.id, reason: r.chance(0.7) ? 'routine' : 'first',
        assessed_at: new Date(today.getTime() - r.int(10, 330) * day).toISOString().slice(0, 10),
        assessor_user_id: null, assessor_name: r.pick(['评估员 陈敏', '评估员 刘洋', '评估员 孙丽']), informant: r.chance(0.4) ? '本人' : '家属',
        items: JSON.stringify(answers), coma: false, diagnoses, risk_events: JSON.stringify(riskEvents30d),
        total_score: outcome.totalScore, preliminary_level: outcome.preliminaryLevel, level: outcome.level, reasons: outcome.reasons, care_tier: outcome.careTier, note: null,
      });
    }
    let diabetic = false;
    const withItems = r.chance(share.healthItems);
    for (const c of CONDITIONS) {
      if (!withItems || !r.chance(c.p)) continue;
      if (c.code === 'E11') diabetic = true;
      const since = `${today.getUTCFullYear() - r.int(2, 25)}-${String(r.int(1, 12)).padStart(2, '0')}-01`;
      items.push({ elder_id: e.id, kind: 'condition', name: c.name, code: c.code, dose: null, route: null, frequency: null, reaction: null, severity: null, grade: null, since, note: null, ended_at: null, created_by: null });
      items.push({ elder_id: e.id, kind: 'medication', name: c.drug.name, code: null, dose: c.drug.dose, route: '口服', frequency: c.drug.frequency, reaction: null, severity: null, grade: null, since, note: null, ended_at: null, created_by: null });
    }
    if (withItems && r.chance(0.08)) {
      const [name, reaction] = r.pick(ALLERGIES);
      items.push({ elder_id: e.id, kind: 'allergy', name, code: null, dose: null, route: null, frequency: null, reaction, severity: r.pick(['mild', 'moderate', 'severe'] as const), grade: null, since: null, note: null, ended_at: null, created_by: null });
    }
    if (withItems && e.living_situation.includes('disabled')) {
      items.push({ elder_id: e.id, kind: 'disability', name: r.pick(['肢体残疾', '视力残疾', '听力残疾']), code: null, dose: null, route: null, frequency: null, reaction: null, severity: null, grade: r.int(1, 3), since: null, note: null, ended_at: null, created_by: null });
    }
    if (r.chance(share.measurements)) {
      const hypertensive = items.some((i) => i.elder_id === e.id && i.code === 'I10');
      let sys = hypertensive ? r.int(140, 165) : r.int(110, 135);
      let weight = r.int(45, 80);
      let glucose = diabetic ? 7 + r.next() * 2 : 5 + r.next();
      // Monthly check-ups over half a year, drifting as real readings do.
      for (let m = 6; m >= 1; m--) {
        const at = new Date(today.getTime() - m * 30 * day - r.int(0, 5) * day);
        at.setUTCHours(0, r.int(0, 180), 0, 0);
        sys = Math.max(95, Math.min(190, sys + r.int(-6, 5)));
        measurements.push({ elder_id: e.id, kind: 'blood_pressure', measured_at: at, systolic: sys, diastolic: Math.round(sys * 0.6) + r.int(-4, 6), value: null, context: null, note: null, source: 'checkup', recorded_by: null });
        measurements.push({ elder_id: e.id, kind: 'heart_rate', measured_at: at, value: r.int(60, 92), systolic: null, diastolic: null, context: null, note: null, source: 'checkup', recorded_by: null });
        if (m % 2 === 0) {
          weight = Math.max(35, weight + r.int(-1, 1));
          measurements.push({ elder_id: e.id, kind: 'weight', measured_at: at, value: weight, systolic: null, diastolic: null, context: null, note: null, source: 'checkup', recorded_by: null });
        }
        if (diabetic) {
          glucose = Math.max(4.5, Math.min(14, glucose + (r.next() - 0.5)));
          measurements.push({ elder_id: e.id, kind: 'glucose', measured_at: at, value: Number(glucose.toFixed(1)), systolic: null, diastolic: null, context: 'fasting', note: null, source: 'checkup', recorded_by: null });
        }
      }
    }
  }
  return { assessments, items, measurements };
}
