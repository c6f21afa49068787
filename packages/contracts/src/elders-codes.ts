import { z } from 'zod';

/** The seven groups served by government-paid home care, plus dispersed special-hardship persons. */
export const ELIGIBILITY_CATEGORIES = [
  'special_hardship', // 特困供养人员
  'dispersed_special_hardship', // 分散供养特困人员
  'min_living_allowance', // 城乡低保对象
  'registered_poor', // 建档立卡贫困人口
  'entitled_groups', // 重点优抚对象
  'family_planning_special', // 计生特殊家庭
  'severely_disabled', // 重度残疾人
  'aged_80_plus', // 80 岁及以上老人
] as const;
export const EligibilityCategory = z.enum(ELIGIBILITY_CATEGORIES);
export type EligibilityCategory = z.infer<typeof EligibilityCategory>;

export const LIVING_SITUATIONS = [
  'living_alone', // 独居
  'empty_nest', // 空巢
  'childless_alone', // 孤老
  'lost_only_child', // 失独
  'dementia', // 失智
  'disabled', // 失能 / 残疾
] as const;
export const LivingSituation = z.enum(LIVING_SITUATIONS);
export type LivingSituation = z.infer<typeof LivingSituation>;

export const CARE_TIERS = ['self_care', 'semi_care', 'full_care'] as const;
export const CareTier = z.enum(CARE_TIERS);
export type CareTier = z.infer<typeof CareTier>;

export const ELDER_STATUSES = ['active', 'moved_out', 'deceased'] as const;
export const ElderStatus = z.enum(ELDER_STATUSES);
export type ElderStatus = z.infer<typeof ElderStatus>;
