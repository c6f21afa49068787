/**
 * Package quotas, pure. An order paid by the package may only hold items the package includes,
 * and each item only while its monthly quota has room: an order counts once per item, whatever
 * its state, except cancelled ones (a visit that never happened gives its turn back).
 */
export interface QuotaLine {
  itemId: string;
  monthlyQuota: number;
}

export type QuotaVerdict =
  | { ok: true }
  | { ok: false; reason: 'not_in_package'; itemId: string }
  | { ok: false; reason: 'used_up'; itemId: string; monthlyQuota: number; used: number };

export function judgeQuota(itemIds: readonly string[], lines: readonly QuotaLine[], used: ReadonlyMap<string, number>): QuotaVerdict {
  for (const itemId of itemIds) {
    const line = lines.find((l) => l.itemId === itemId);
    if (!line) return { ok: false, reason: 'not_in_package', itemId };
    const u = used.get(itemId) ?? 0;
    if (u >= line.monthlyQuota) return { ok: false, reason: 'used_up', itemId, monthlyQuota: line.monthlyQuota, used: u };
  }
  return { ok: true };
}

/** The Beijing calendar month an instant falls in: its label and the instants it spans. */
export function localMonth(at: Date): { month: string; start: Date; end: Date } {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const start = new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
  const end = new Date(Date.UTC(y, m + 1, 1) - 8 * 3600_000);
  return { month: `${y}-${String(m + 1).padStart(2, '0')}`, start, end };
}

