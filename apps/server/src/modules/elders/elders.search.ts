/**
 * What a search box entry means. Exact ID-card and phone numbers are found through their keyed
 * hash (the numbers themselves are encrypted); Latin letters are pinyin initials ("zxl" → 张秀兰);
 * anything else is part of a name.
 */
export type ElderSearch =
  | { kind: 'id_number'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'initials'; value: string }
  | { kind: 'name'; value: string };

export function interpretSearch(raw: string): ElderSearch | null {
  const q = raw.trim().replace(/\s+/g, '');
  if (!q) return null;
  if (/^\d{17}[\dXx]$/.test(q)) return { kind: 'id_number', value: q.toUpperCase() };
  if (/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(q)) return { kind: 'phone', value: q };
  if (/^[A-Za-z]{1,10}$/.test(q)) return { kind: 'initials', value: q.toLowerCase() };
  return { kind: 'name', value: q };
}

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Birth-date bounds for an age band on `today` (Asia/Shanghai): aged at least `min` means born on
 * or before today minus `min` years; at most `max` means born after today minus `max + 1` years.
 */
export function birthDateBounds(today: Date, ageMin?: number, ageMax?: number): { bornOnOrBefore?: string; bornAfter?: string } {
  const shanghai = new Date(today.getTime() + 8 * 3600_000);
  const minus = (years: number) => {
    const y = shanghai.getUTCFullYear() - years;
    const m = shanghai.getUTCMonth() + 1;
    // 29 February in a non-leap target year: the birthday is taken as 28 February.
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const d = Math.min(shanghai.getUTCDate(), lastDay);
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  return {
    ...(ageMin !== undefined ? { bornOnOrBefore: minus(ageMin) } : {}),
    ...(ageMax !== undefined ? { bornAfter: minus(ageMax + 1) } : {}),
  };
}

/**
 * The ways a number may have been registered: a landline is stored as typed, with or without the
 * hyphen after its 3- or 4-digit area code ("0571-87654321", "057187654321"), and its keyed hash
 * differs with each, so a search looks for all of them. A mobile number has one spelling.
 */
export function phoneSpellings(phone: string): string[] {
  if (!phone.startsWith('0')) return [phone];
  const digits = phone.replace('-', '');
  return [...new Set([digits, `${digits.slice(0, 3)}-${digits.slice(3)}`, `${digits.slice(0, 4)}-${digits.slice(4)}`])];
}
