import { z } from 'zod';
import { CareTier } from './elders-codes.js';
import { Id } from './common.js';

/**
 * GB/T 42195-2022 老年人能力评估规范: 26 items in 4 domains, 90 points in all; higher means more able.
 * The order here is the standard's form order, which the console follows.
 */
export const ASSESSMENT_ITEMS = [
  { code: 'eating', domain: 'self_care', max: 4, zh: '进食' },
  { code: 'grooming', domain: 'self_care', max: 4, zh: '修饰' },
  { code: 'bathing', domain: 'self_care', max: 4, zh: '洗澡' },
  { code: 'upperDressing', domain: 'self_care', max: 4, zh: '穿/脱上衣' },
  { code: 'lowerDressing', domain: 'self_care', max: 4, zh: '穿/脱裤子和鞋袜' },
  { code: 'bladder', domain: 'self_care', max: 4, zh: '小便控制' },
  { code: 'bowel', domain: 'self_care', max: 4, zh: '大便控制' },
  { code: 'toileting', domain: 'self_care', max: 4, zh: '如厕' },
  { code: 'bedMobility', domain: 'mobility', max: 4, zh: '床上体位转移' },
  { code: 'transfer', domain: 'mobility', max: 4, zh: '床椅转移' },
  { code: 'walking', domain: 'mobility', max: 4, zh: '平地行走' },
  { code: 'stairs', domain: 'mobility', max: 3, zh: '上下楼梯' },
  { code: 'timeOrientation', domain: 'mental', max: 4, zh: '时间定向' },
  { code: 'placeOrientation', domain: 'mental', max: 4, zh: '空间定向' },
  { code: 'personOrientation', domain: 'mental', max: 4, zh: '人物定向' },
  { code: 'memory', domain: 'mental', max: 4, zh: '记忆' },
  { code: 'comprehension', domain: 'mental', max: 4, zh: '理解能力' },
  { code: 'expression', domain: 'mental', max: 4, zh: '表达能力' },
  { code: 'aggression', domain: 'mental', max: 1, zh: '攻击行为' },
  { code: 'depression', domain: 'mental', max: 1, zh: '抑郁症状' },
  { code: 'consciousness', domain: 'mental', max: 2, zh: '意识水平' },
  { code: 'vision', domain: 'perception_social', max: 2, zh: '视力' },
  { code: 'hearing', domain: 'perception_social', max: 2, zh: '听力' },
  { code: 'dailyAffairs', domain: 'perception_social', max: 4, zh: '执行日常事务' },
  { code: 'transport', domain: 'perception_social', max: 3, zh: '使用交通工具外出' },
  { code: 'socialInteraction', domain: 'perception_social', max: 4, zh: '社会交往能力' },
] as const;

export type AssessmentItemCode = (typeof ASSESSMENT_ITEMS)[number]['code'];
export const ASSESSMENT_DOMAINS = ['self_care', 'mobility', 'mental', 'perception_social'] as const;
export type AssessmentDomain = (typeof ASSESSMENT_DOMAINS)[number];

/** Ability levels 0–4: 能力完好 / 轻度失能 / 中度失能 / 重度失能 / 完全失能. */
export const ABILITY_LEVEL_NAMES_ZH = ['能力完好', '能力轻度受损（轻度失能）', '能力中度受损（中度失能）', '能力重度受损（重度失能）', '能力完全丧失（完全失能）'] as const;
export const AbilityLevel = z.number().int().min(0).max(4);

export const ASSESSMENT_REASONS = ['first', 'routine', 'immediate', 'dispute'] as const;
export const AssessmentReason = z.enum(ASSESSMENT_REASONS);

/** The override rules of the standard, as reported in `reasons`. */
export const OVERRIDE_REASONS = ['coma', 'dementia', 'psychiatric_disorder', 'risk_events'] as const;
export const OverrideReason = z.enum(OVERRIDE_REASONS);
export type OverrideReason = z.infer<typeof OverrideReason>;

const itemShape = Object.fromEntries(
  ASSESSMENT_ITEMS.map((i) => [i.code, z.number({ error: `${i.code} is required (0–${i.max})` }).int(`${i.code} must be a whole number`).min(0, `${i.code} must be 0–${i.max}`).max(i.max, `${i.code} must be 0–${i.max}`)]),
) as Record<AssessmentItemCode, z.ZodNumber>;
export const AssessmentItems = z.strictObject(itemShape);
export type AssessmentItems = z.infer<typeof AssessmentItems>;

export const RiskEvents30d = z.strictObject({
  falls: z.number().int().min(0).max(100).default(0),
  choking: z.number().int().min(0).max(100).default(0),
  wandering: z.number().int().min(0).max(100).default(0),
  selfHarm: z.number().int().min(0).max(100).default(0),
});
export type RiskEvents30d = z.infer<typeof RiskEvents30d>;

/** ICD-10 code such as F01 or F03.9. */
export const Icd10 = z.string().trim().toUpperCase().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'must be an ICD-10 code such as F01 or F03.9');
export const IsoDate = z.iso.date();

export const CreateAssessment = z.object({
  reason: AssessmentReason,
  assessedAt: IsoDate,
  items: AssessmentItems,
  coma: z.boolean().default(false),
  diagnoses: z.array(Icd10).max(30).default([]),
  riskEvents30d: RiskEvents30d.default({ falls: 0, choking: 0, wandering: 0, selfHarm: 0 }),
  informant: z.string().trim().max(50).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type CreateAssessment = z.input<typeof CreateAssessment>;

export const AssessmentResult = z.object({
  id: Id,
  totalScore: z.number().int(),
  preliminaryLevel: AbilityLevel,
  level: AbilityLevel,
  reasons: z.array(OverrideReason),
  careTier: CareTier,
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;

export const Assessment = AssessmentResult.extend({
  elderId: Id,
  reason: AssessmentReason,
  assessedAt: IsoDate,
  assessor: z.object({ id: Id.nullable(), name: z.string() }),
  items: AssessmentItems,
  domainScores: z.record(z.string(), z.number()),
  coma: z.boolean(),
  diagnoses: z.array(z.string()),
  riskEvents30d: RiskEvents30d,
  informant: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Assessment = z.infer<typeof Assessment>;
export const AssessmentList = z.object({ items: z.array(Assessment) });
