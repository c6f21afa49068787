import { createHash, randomInt } from 'node:crypto';

/** Great-circle distance in metres (the same sphere earthdistance uses). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_378_168; // earthdistance's earth() radius
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * R * Math.asin(Math.min(1, Math.sqrt(h))));
}

/**
 * Where the helper stood, judged against the elder's home. A home without coordinates cannot be
 * checked, which is itself worth flagging for the registry to fix.
 */
export function judgePosition(home: { lat: number | null; lng: number | null }, at: { lat: number; lng: number }, radiusM: number): { distanceM: number | null; outOfArea: boolean } {
  if (home.lat === null || home.lng === null) return { distanceM: null, outOfArea: true };
  const d = distanceM({ lat: home.lat, lng: home.lng }, at);
  return { distanceM: d, outOfArea: d > radiusM };
}

/** Whole minutes between check-in and check-out, and whether the visit fell short of what was paid for. */
export function judgeDuration(checkIn: Date, checkOut: Date, expectedMinutes: number, minRatio: number): { minutes: number; tooShort: boolean } {
  const minutes = Math.max(0, Math.round((checkOut.getTime() - checkIn.getTime()) / 60_000));
  return { minutes, tooShort: minutes < expectedMinutes * minRatio };
}

export function newConfirmCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Bound to the order so a code from one visit never confirms another. */
export function hashConfirmCode(orderId: string, code: string): string {
  return createHash('sha256').update(`${orderId}:${code}`).digest('hex');
}

/**
 * Whether a completed order is drawn for a callback. Deterministic in the order id (the same
 * order always gets the same answer, so a retried check-out cannot draw twice) and uniform
 * across ids, so `share` of orders are drawn.
 */
export function drawnForCallback(orderId: string, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  const h = createHash('sha256').update(orderId).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < share;
}
