/** Lockout policy: five wrong passwords within the window lock the username for fifteen minutes. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Failures older than this no longer count towards a lock. */
export const FAILURE_WINDOW_MINUTES = 15;

export function isLocked(row: { locked_until: Date | null } | undefined, now: Date): boolean {
  return !!row?.locked_until && row.locked_until.getTime() > now.getTime();
}

/** The state after one more failure, given the previous state. */
export function afterFailure(prev: { failures: number; last_failure_at: Date } | undefined, now: Date) {
  const stale = !prev || now.getTime() - prev.last_failure_at.getTime() > FAILURE_WINDOW_MINUTES * 60_000;
  const failures = stale ? 1 : prev.failures + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  return { failures: lockedUntil ? 0 : failures, lockedUntil };
}
