import { ORG_LEVELS, type OrgLevel } from '@yiyang/contracts';

export { ORG_LEVELS };
export type { OrgLevel };

/** The level a unit's children have (district → street → community → grid → compound). */
export function childLevel(level: OrgLevel): OrgLevel | null {
  const i = ORG_LEVELS.indexOf(level);
  return ORG_LEVELS[i + 1] ?? null;
}

export function parentLevel(level: OrgLevel): OrgLevel | null {
  const i = ORG_LEVELS.indexOf(level);
  return i > 0 ? (ORG_LEVELS[i - 1] ?? null) : null;
}
