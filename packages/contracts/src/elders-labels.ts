import type { CareTier, EligibilityCategory, ElderStatus, LivingSituation } from './elders-codes.js';

/** Chinese names of the registry's codes: the console shows them and the Excel template uses them. */
export const LIVING_SITUATION_ZH: Record<LivingSituation, string> = {
  living_alone: '独居',
  empty_nest: '空巢',
  childless_alone: '孤老',
  lost_only_child: '失独',
  dementia: '失智',
  disabled: '失能',
};

export const CATEGORY_ZH: Record<EligibilityCategory, string> = {
  special_hardship: '特困供养人员',
  dispersed_special_hardship: '分散供养特困人员',
  min_living_allowance: '城乡低保对象',
  registered_poor: '建档立卡贫困人口',
  entitled_groups: '重点优抚对象',
  family_planning_special: '计生特殊家庭',
  severely_disabled: '重度残疾人',
  aged_80_plus: '80岁及以上老人',
};

export const ELDER_STATUS_ZH: Record<ElderStatus, string> = { active: '在册', moved_out: '迁出', deceased: '已故' };
export const CARE_TIER_ZH: Record<CareTier, string> = { self_care: '自理', semi_care: '半护理', full_care: '全护理' };
export const SEX_ZH = { male: '男', female: '女' } as const;

/** Reads a list cell such as "独居、失智" back into codes; unknown labels come back separately. */
export function codesFromLabels<C extends string>(cell: string, labels: Record<C, string>): { codes: C[]; unknown: string[] } {
  const byLabel = new Map<string, C>(Object.entries(labels).map(([code, label]) => [label as string, code as C]));
  const codes: C[] = [];
  const unknown: string[] = [];
  for (const part of cell.split(/[、,，;；\s]+/).map((p) => p.trim()).filter(Boolean)) {
    const code = byLabel.get(part) ?? (part in labels ? (part as C) : undefined);
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(part);
  }
  return { codes, unknown };
}
