import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleWords } from './schedule.js';
import './plans.i18n.js';

/** The schedule wording in the user's language. */
export function useScheduleWords(): ScheduleWords {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      weekdays: t('plans.schedule.weekdays', { returnObjects: true }) as string[],
      separator: t('plans.schedule.separator'),
      daily: t('plans.schedule.daily'),
      everyNDays: (n) => t('plans.schedule.everyNDays', { n }),
      workdays: t('plans.schedule.workdays'),
      weekly: (days) => t('plans.schedule.weekly', { days }),
      everyNWeeks: (n, days) => t('plans.schedule.everyNWeeks', { n, days }),
      monthly: (days) => t('plans.schedule.monthly', { days }),
      count: (n) => t('plans.schedule.count', { n }),
      sentence: (schedule, time, minutes) => t('plans.schedule.sentence', { schedule, time, minutes }),
    }),
    // i18n.language: the words change with the language even though `t` may not.
    [t, i18n.language],
  );
}
