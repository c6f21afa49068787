/**
 * Care-plan schedules: the few shapes a worker picks in the console, turned into the RRULE the
 * server stores, and any stored RRULE turned back into words. The `rrule` package only words in
 * English, so the wording is ours (through i18n) and a rule we cannot word is shown as written.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WORKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export type ScheduleKind = 'daily' | 'weekdays' | 'weekly' | 'interval';

export interface SchedulePick {
  kind: ScheduleKind;
  /** For `weekly`: the days of the week, any order. */
  days?: Weekday[];
  /** For `interval`: every N days. */
  everyDays?: number;
}

export function buildRrule(p: SchedulePick): string {
  switch (p.kind) {
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekdays':
      return `FREQ=WEEKLY;BYDAY=${WORKDAYS.join(',')}`;
    case 'weekly': {
      const days = WEEKDAYS.filter((d) => p.days?.includes(d));
      if (days.length === 0) throw new Error('pick at least one day of the week');
      return `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
    }
    case 'interval': {
      const n = p.everyDays ?? 0;
      if (!Number.isInteger(n) || n < 2) throw new Error('every N days needs N of 2 or more');
      return `FREQ=DAILY;INTERVAL=${n}`;
    }
  }
}

/** Words for the parts of a schedule, from the locale files. */
export interface ScheduleWords {
  /** Short weekday names, Monday first: 一…日 / Mon…Sun. */
  weekdays: string[];
  /** Joins a list: '、' / ', '. */
  separator: string;
  daily: string;
  everyNDays: (n: number) => string;
  workdays: string;
  weekly: (days: string) => string;
  everyNWeeks: (n: number, days: string) => string;
  monthly: (days: string) => string;
  count: (n: number) => string;
  /** The whole sentence: schedule, local start time and length. */
  sentence: (schedule: string, time: string, minutes: number) => string;
}

function parse(rule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) parts.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  return parts;
}

/**
 * The schedule part alone ("每周一、四"), or null for a rule outside what we can word. A weekly rule
 * without BYDAY repeats on the weekday it starts: `startsOn` names it.
 */
export function describeRule(rule: string, words: ScheduleWords, startsOn?: string): string | null {
  const r = parse(rule);
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'WKST']);
  if ([...r.keys()].some((k) => !known.has(k))) return null;
  const interval = Number(r.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const byDay = r.get('BYDAY')?.split(',') ?? null;
  if (byDay && !byDay.every((d) => (WEEKDAYS as readonly string[]).includes(d))) return null;
  const startDay = startsOn && /^\d{4}-\d{2}-\d{2}$/.test(startsOn) ? WEEKDAYS[(new Date(`${startsOn}T00:00:00Z`).getUTCDay() + 6) % 7]! : null;
  const days = byDay ? WEEKDAYS.filter((d) => byDay.includes(d)) : r.get('FREQ') === 'WEEKLY' && startDay ? [startDay] : null;
  const dayWords = (ds: readonly Weekday[]) => ds.map((d) => words.weekdays[WEEKDAYS.indexOf(d)]).join(words.separator);
  const isWorkdays = days !== null && days.length === WORKDAYS.length && WORKDAYS.every((d) => days.includes(d));

  let text: string | null = null;
  const freq = r.get('FREQ');
  if (freq === 'DAILY' && !r.has('BYMONTHDAY')) {
    // BYDAY on a daily rule keeps only those days: the same as weekly on them.
    if (days) text = interval === 1 ? (isWorkdays ? words.workdays : words.weekly(dayWords(days))) : null;
    else text = interval === 1 ? words.daily : words.everyNDays(interval);
  } else if (freq === 'WEEKLY' && days && !r.has('BYMONTHDAY')) {
    if (interval === 1) text = isWorkdays ? words.workdays : words.weekly(dayWords(days));
    else text = words.everyNWeeks(interval, dayWords(days));
  } else if (freq === 'MONTHLY' && interval === 1 && !days && r.has('BYMONTHDAY')) {
    const monthDays = r.get('BYMONTHDAY')!.split(',');
    if (monthDays.every((d) => /^([1-9]|[12]\d|3[01])$/.test(d))) text = words.monthly(monthDays.join(words.separator));
  }
  return text;
}

/** "每周一、四 09:00，90 分钟"; a rule we cannot word is shown as stored. */
export function describeSchedule(plan: { rrule: string; startTime: string; durationMinutes: number; startsOn?: string }, words: ScheduleWords): string {
  const text = describeRule(plan.rrule, words, plan.startsOn);
  if (text === null) return words.sentence(plan.rrule, plan.startTime, plan.durationMinutes);
  const count = parse(plan.rrule).get('COUNT');
  return words.sentence(text, plan.startTime, plan.durationMinutes) + (count && /^\d+$/.test(count) ? words.count(Number(count)) : '');
}

