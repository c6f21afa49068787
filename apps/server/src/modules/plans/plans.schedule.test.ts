import { describe, expect, it } from 'vitest';
import { addDays, occurrences, parseRule } from './plans.schedule.js';

describe('care plan recurrence', () => {
  const plan = { rrule: 'FREQ=WEEKLY;BYDAY=TU', startsOn: '2026-11-23', endsOn: null, startTime: '09:30', durationMinutes: 60 };

  it('places every Tuesday at 09:30 Beijing time', () => {
    const occ = occurrences(plan, '2026-11-23', '2026-12-08', new Set());
    expect(occ.map((o) => o.day)).toEqual(['2026-11-24', '2026-12-01', '2026-12-08']);
    expect(occ[0]!.start.toISOString()).toBe('2026-11-24T01:30:00.000Z');
    expect(occ[0]!.end.toISOString()).toBe('2026-11-24T02:30:00.000Z');
  });

  it('skips the bureau’s holidays', () => {
    const weekdays = { ...plan, rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR' };
    const occ = occurrences(weekdays, '2026-12-31', '2027-01-05', new Set(['2027-01-01']));
    expect(occ.map((o) => o.day)).toEqual(['2026-12-31', '2027-01-04', '2027-01-05']);
  });

  it('respects the start and end of the plan', () => {
    expect(occurrences({ ...plan, endsOn: '2026-12-01' }, '2026-11-01', '2026-12-31', new Set()).map((o) => o.day)).toEqual(['2026-11-24', '2026-12-01']);
  });

  it('refuses rules that are not a care plan', () => {
    expect(() => parseRule('FREQ=HOURLY')).toThrow();
    expect(() => parseRule('BYDAY=TU')).toThrow();
    expect(() => parseRule('FREQ=WEEKLY;BYDAY=XX')).toThrow();
    expect(parseRule('RRULE:FREQ=DAILY').options.freq).toBe(3);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
