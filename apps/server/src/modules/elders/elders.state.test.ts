import { describe, expect, it } from 'vitest';
import { ELDER_STATUSES } from '@yiyang/contracts';
import { isServed, mayChangeStatus } from './elders.state.js';

describe('elder status changes', () => {
  const allowed = new Set(['active>moved_out', 'active>deceased', 'moved_out>active', 'moved_out>deceased']);
  for (const from of ELDER_STATUSES) {
    for (const to of ELDER_STATUSES) {
      const key = `${from}>${to}`;
      it(`${allowed.has(key) ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(mayChangeStatus(from, to)).toBe(allowed.has(key));
      });
    }
  }
  it('serves only active elders', () => {
    expect(ELDER_STATUSES.filter(isServed)).toEqual(['active']);
  });
});
