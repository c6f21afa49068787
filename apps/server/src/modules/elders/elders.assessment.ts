import { ASSESSMENT_ITEMS, type AssessmentDomain, type AssessmentItems, type CareTier, type OverrideReason, type RiskEvents30d } from '@yiyang/contracts';

/**
 * GB/T 42195-2022 老年人能力评估规范: the total of 26 items gives a preliminary level; a coma sets
 * level 4; dementia, another psychiatric disorder, or two or more care-risk events in 30 days
 * raise the level by one — once, however many hold, and never past 4.
 */
export interface AssessmentInput {
  items: AssessmentItems;
  coma: boolean;
  diagnoses: readonly string[];
  riskEvents30d: RiskEvents30d;
}

export interface AssessmentOutcome {
  totalScore: number;
  domainScores: Record<AssessmentDomain, number>;
  preliminaryLevel: number;
  level: number;
  reasons: OverrideReason[];
  careTier: CareTier;
}

/** Level 0 intact (90), 1 mild (66–89), 2 moderate (46–65), 3 severe (30–45), 4 complete (0–29). */
export function preliminaryLevelOf(total: number): number {
  if (total >= 90) return 0;
  if (total >= 66) return 1;
  if (total >= 46) return 2;
  if (total >= 30) return 3;
  return 4;
}

/** The bureau may price tiers differently; this is the default mapping of the domain brief. */
export type TierMapping = readonly [CareTier, CareTier, CareTier, CareTier, CareTier];
export const DEFAULT_TIER_MAPPING: TierMapping = ['self_care', 'self_care', 'semi_care', 'full_care', 'full_care'];

const icdCategory = (code: string) => {
  const m = /^F(\d{2})/.exec(code.trim().toUpperCase());
  return m ? Number(m[1]) : null;
};
/** ICD-10 F00–F03: dementias. */
export const isDementia = (code: string) => {
  const n = icdCategory(code);
  return n !== null && n <= 3;
};
/** ICD-10 F04–F99: other mental and behavioural disorders. */
export const isPsychiatricDisorder = (code: string) => {
  const n = icdCategory(code);
  return n !== null && n >= 4;
};

export function assess(input: AssessmentInput, tiers: TierMapping = DEFAULT_TIER_MAPPING): AssessmentOutcome {
  const domainScores: Record<AssessmentDomain, number> = { self_care: 0, mobility: 0, mental: 0, perception_social: 0 };
  for (const item of ASSESSMENT_ITEMS) {
    const score = input.items[item.code];
    if (!Number.isInteger(score) || score < 0 || score > item.max) throw new RangeError(`${item.code} must be 0–${item.max}`);
    domainScores[item.domain] += score;
  }
  const totalScore = domainScores.self_care + domainScores.mobility + domainScores.mental + domainScores.perception_social;
  const preliminaryLevel = preliminaryLevelOf(totalScore);
  const reasons: OverrideReason[] = [];
  let level = preliminaryLevel;
  if (input.coma) {
    reasons.push('coma');
    level = 4;
  } else {
    if (input.diagnoses.some(isDementia)) reasons.push('dementia');
    if (input.diagnoses.some(isPsychiatricDisorder)) reasons.push('psychiatric_disorder');
    const e = input.riskEvents30d;
    if (e.falls + e.choking + e.wandering + e.selfHarm >= 2) reasons.push('risk_events');
    if (reasons.length > 0) level = Math.min(4, preliminaryLevel + 1);
  }
  return { totalScore, domainScores, preliminaryLevel, level, reasons, careTier: tiers[level as 0 | 1 | 2 | 3 | 4] };
}
