import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The district works on Beijing time whatever the browser's clock says. */
export const DISTRICT_TZ = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(DISTRICT_TZ).format('YYYY-MM-DD HH:mm:ss') : '';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(DISTRICT_TZ).format('YYYY-MM-DD') : '';
}

export { dayjs };
