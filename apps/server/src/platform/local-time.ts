/**
 * The district's calendar. Asia/Shanghai has had no daylight saving since 1991, so a fixed
 * +08:00 offset is exact for every date the platform handles.
 */
const OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar day of an instant, 'YYYY-MM-DD' (today by default). */
export function localDay(at: Date = new Date()): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
