import rrulePkg from 'rrule';
import { localDay } from '../../platform/local-time.js';

const { RRule } = rrulePkg;

/**
 * Care-plan recurrence. RRULE arithmetic runs on "floating" local dates (a plan says "every
 * Tuesday at 09:00 Beijing time", not an instant), encoded as UTC midnights so the library's
 * UTC maths never shifts a day; each occurrence is then placed at the local start time
 * (China keeps +08:00 all year, so no DST gaps).
 */
export function parseRule(rule: string): InstanceType<typeof RRule> {
  const body = rule.replace(/^RRULE:/i, '').trim();
  const options = RRule.parseString(body);
  if (options.freq === undefined) throw new Error('FREQ is required');
  if (options.freq > RRule.DAILY) throw new Error('a care plan repeats at most daily');
  if (options.dtstart) throw new Error('DTSTART comes from startsOn');
  return new RRule(options);
}

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export interface Occurrence {
  day: string;
  start: Date;
  end: Date;
}

export function occurrences(plan: { rrule: string; startsOn: string; endsOn: string | null; startTime: string; durationMinutes: number }, fromDay: string, toDay: string, holidays: ReadonlySet<string>): Occurrence[] {
  const base = parseRule(plan.rrule);
  const rule = new RRule({ ...base.origOptions, dtstart: dayStart(plan.startsOn), ...(plan.endsOn ? { until: dayStart(plan.endsOn) } : {}) });
  const from = dayStart(fromDay > plan.startsOn ? fromDay : plan.startsOn);
  const to = dayStart(toDay);
  if (from > to) return [];
  const [hh, mm] = plan.startTime.split(':').map(Number) as [number, number];
  return rule
    .between(from, to, true)
    .map(dayOf)
    .filter((day) => !holidays.has(day))
    .map((day) => {
      const start = new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
      return { day, start, end: new Date(start.getTime() + plan.durationMinutes * 60_000) };
    });
}

/** Today's date in Asia/Shanghai. */
export function localToday(now = new Date()): string {
  return localDay(now);
}

/** The instants a Beijing calendar day spans: [its first instant, the next day's first). */
export function localDayBounds(day: string): [Date, Date] {
  const start = new Date(`${day}T00:00:00+08:00`);
  return [start, new Date(start.getTime() + 86_400_000)];
}

export function addDays(day: string, n: number): string {
  return dayOf(new Date(dayStart(day).getTime() + n * 86_400_000));
}
