import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, MAX_FAILURES } from './accounts.lockout.js';

describe('lockout policy', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  it('locks on the fifth failure within the window', () => {
    let state: { failures: number; last_failure_at: Date } | undefined;
    for (let i = 1; i < MAX_FAILURES; i++) {
      const next = afterFailure(state, now);
      expect(next.lockedUntil).toBeNull();
      state = { failures: next.failures, last_failure_at: now };
    }
    const fifth = afterFailure(state, now);
    expect(fifth.lockedUntil?.toISOString()).toBe('2026-11-23T08:15:00.000Z');
    expect(isLocked({ locked_until: fifth.lockedUntil }, new Date('2026-11-23T08:14:59Z'))).toBe(true);
    expect(isLocked({ locked_until: fifth.lockedUntil }, new Date('2026-11-23T08:15:01Z'))).toBe(false);
  });
  it('forgets failures older than the window', () => {
    const next = afterFailure({ failures: 4, last_failure_at: new Date('2026-11-23T07:40:00Z') }, now);
    expect(next).toEqual({ failures: 1, lockedUntil: null });
  });
});
