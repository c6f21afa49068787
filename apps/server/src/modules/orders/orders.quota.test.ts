import { describe, expect, it } from 'vitest';
import { localDay } from '../../platform/local-time.js';
import { judgeQuota, localMonth } from './orders.quota.js';

const lines = [{ itemId: 'bath', monthlyQuota: 4 }, { itemId: 'meal', monthlyQuota: 22 }];

describe('package quotas', () => {
  it('allows items with room left this month', () => {
    expect(judgeQuota(['bath', 'meal'], lines, new Map([['bath', 3]]))).toEqual({ ok: true });
  });

  it('refuses an item whose quota is used up, saying how far', () => {
    expect(judgeQuota(['meal', 'bath'], lines, new Map([['bath', 4]]))).toEqual({ ok: false, reason: 'used_up', itemId: 'bath', monthlyQuota: 4, used: 4 });
  });

  it('refuses an item the package does not include', () => {
    expect(judgeQuota(['repair'], lines, new Map())).toEqual({ ok: false, reason: 'not_in_package', itemId: 'repair' });
  });

  it('counts months and days in Beijing time', () => {
    // 2026-01-31 17:00 UTC is already 1 February in Beijing.
    const m = localMonth(new Date('2026-01-31T17:00:00Z'));
    expect(m.month).toBe('2026-02');
    expect(m.start.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(m.end.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(localMonth(new Date('2026-12-15T00:00:00Z')).end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(localDay(new Date('2026-01-31T17:00:00Z'))).toBe('2026-02-01');
  });
});
