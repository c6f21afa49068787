import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Device request signing (docs/devices.md): hex HMAC-SHA256 with the device's secret over
 * `timestamp + "." + body`, where timestamp is Unix seconds. The timestamp is inside the MAC, so
 * a captured request cannot be re-stamped; outside ±5 minutes it is refused as a replay, and
 * inside the window a replay only repeats event ids the server already has.
 */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export function signDeviceBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing_signature' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature'; message: string };

export function checkSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, nowMs = Date.now()): SignatureCheck {
  if (!timestamp || !signature) return { ok: false, reason: 'missing_signature', message: 'X-Yiyang-Timestamp and X-Yiyang-Signature are required' };
  if (!/^\d{9,11}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp', message: 'X-Yiyang-Timestamp must be Unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, reason: 'stale_timestamp', message: `timestamp outside the ±${SIGNATURE_WINDOW_SECONDS / 60}-minute window (check the device clock)` };
  }
  const expected = Buffer.from(signDeviceBody(secret, timestamp, body), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature', message: 'signature does not match' };
  }
  return { ok: true };
}
