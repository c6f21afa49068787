import type { DispatchCandidate, DispatchExplanation } from '@yiyang/contracts';

/**
 * The automatic dispatch rule, in one place. Hard rules decide who may go: the provider covers
 * the elder's area and offers every item; the staff member is active, within reach, has every
 * skill the items need, is on duty, works during the whole window and has no other open order
 * overlapping it. Among those, the lowest cost wins: each open order costs 1 point, each km from
 * the staff member's base 0.5 points, each rating star below 5 one point.
 */
export const DISPATCH_RULE =
  'provider covers the area and offers the items; staff has the skills, is on duty, works during the window and is free then; lowest cost = open orders × 1 + km × 0.5 + (5 − provider rating) × 1';

export const MAX_DISTANCE_M = 15_000;
export const WEIGHTS = { openOrder: 1, perKm: 0.5, perMissingStar: 1 } as const;

export function costOf(c: { openOrders: number; distanceM: number; rating: number }): number {
  return Number((c.openOrders * WEIGHTS.openOrder + (c.distanceM / 1000) * WEIGHTS.perKm + (5 - c.rating) * WEIGHTS.perMissingStar).toFixed(2));
}

export interface CandidateRow {
  staffId: string;
  staffName: string;
  providerId: string;
  providerName: string;
  rating: number;
  openOrders: number;
  distanceM: number;
  hasSkills: boolean;
  onDuty: boolean;
  inHours: boolean;
  busy: boolean;
}

export const EXCLUSION_REASONS = ['missing_skills', 'off_duty', 'outside_hours', 'busy'] as const;

/** Why a staff member cannot take the order (empty when they can). */
export function exclusionsOf(c: Pick<CandidateRow, 'hasSkills' | 'onDuty' | 'inHours' | 'busy'>): (typeof EXCLUSION_REASONS)[number][] {
  const out: (typeof EXCLUSION_REASONS)[number][] = [];
  if (!c.hasSkills) out.push('missing_skills');
  if (!c.onDuty) out.push('off_duty');
  if (!c.inHours) out.push('outside_hours');
  if (c.busy) out.push('busy');
  return out;
}

export function describeCandidate(c: CandidateRow, rank: number): DispatchCandidate {
  const reasons = [
    `${c.openOrders} open order${c.openOrders === 1 ? '' : 's'}`,
    `${(c.distanceM / 1000).toFixed(1)} km from base`,
    `provider rating ${c.rating.toFixed(1)}`,
    ...exclusionsOf(c).map((e) => `not eligible: ${e.replace('_', ' ')}`),
  ];
  if (rank === 0 && exclusionsOf(c).length === 0) reasons.unshift('lowest cost among eligible staff');
  return {
    staffId: c.staffId,
    staffName: c.staffName,
    providerId: c.providerId,
    providerName: c.providerName,
    openOrders: c.openOrders,
    distanceM: Math.round(c.distanceM),
    rating: c.rating,
    score: costOf(c),
    reasons,
  };
}

export function explain(mode: DispatchExplanation['mode'], considered: number, excluded: Record<string, number>, ranked: CandidateRow[], chosen: CandidateRow | null): DispatchExplanation {
  return {
    mode,
    at: new Date().toISOString(),
    considered,
    excluded,
    candidates: ranked.map((c, i) => describeCandidate(c, i)),
    chosen: chosen ? describeCandidate(chosen, 0) : null,
    rule: DISPATCH_RULE,
  };
}
