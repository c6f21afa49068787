import { describe, expect, it } from 'vitest';
import { costOf, describeCandidate, exclusionsOf, explain, type CandidateRow } from './orders.dispatch.js';

const row = (over: Partial<CandidateRow>): CandidateRow => ({
  staffId: 's', staffName: '王丽', providerId: 'p', providerName: '湖滨中心', rating: 4.5, openOrders: 0, distanceM: 1000,
  hasSkills: true, onDuty: true, inHours: true, busy: false, ...over,
});

describe('dispatch cost and reasons', () => {
  it('charges 1 per open order, 0.5 per km and 1 per missing rating star', () => {
    expect(costOf(row({}))).toBe(1);
    expect(costOf(row({ openOrders: 2, distanceM: 3000, rating: 5 }))).toBe(3.5);
    // A 5-star provider two km away beats a 4-star one next door.
    expect(costOf(row({ rating: 5, distanceM: 2000 }))).toBeLessThan(costOf(row({ rating: 4, distanceM: 100 })));
  });

  it('names every hard rule a helper fails', () => {
    expect(exclusionsOf(row({}))).toEqual([]);
    expect(exclusionsOf(row({ hasSkills: false, onDuty: false, inHours: false, busy: true }))).toEqual(['missing_skills', 'off_duty', 'outside_hours', 'busy']);
  });

  it('explains the choice in words', () => {
    const c = describeCandidate(row({ openOrders: 1 }), 0);
    expect(c.reasons).toEqual(['lowest cost among eligible staff', '1 open order', '1.0 km from base', 'provider rating 4.5']);
    expect(describeCandidate(row({ busy: true }), 0).reasons).toContain('not eligible: busy');
    const e = explain('auto', { considered: 3, excluded: { busy: 1 }, radiusM: 1500 }, [row({})], row({}));
    expect(e).toMatchObject({ mode: 'auto', considered: 3, radiusM: 1500, chosen: { staffName: '王丽', score: 1 } });
  });
});
