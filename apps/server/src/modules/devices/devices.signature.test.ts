import { describe, expect, it } from 'vitest';
import { checkSignature, signDeviceBody } from './devices.signature.js';

const secret = 'Demo-Passw0rd!';
const body = '{"deviceId":"demo-button-1","eventId":"e-1","type":"sos","occurredAt":"2026-11-23T08:00:00Z","payload":{}}';
const now = 1795420800_000;
const ts = String(now / 1000);

describe('device signatures', () => {
  it('matches the worked example in docs/devices.md', () => {
    // Same figure as `openssl dgst -sha256 -hmac` in the docs.
    expect(signDeviceBody(secret, '1795420800', body)).toBe('f0474f5aee703c9112c5b3689bb135025e53cac088370c0d5d2d074e19d7e46e');
  });

  it('accepts a good signature inside the window', () => {
    expect(checkSignature(secret, ts, signDeviceBody(secret, ts, body), body, now)).toEqual({ ok: true });
    expect(checkSignature(secret, ts, signDeviceBody(secret, ts, body), body, now + 299_000)).toEqual({ ok: true });
  });

  it('refuses a changed body, a wrong secret and a re-stamped timestamp', () => {
    const sig = signDeviceBody(secret, ts, body);
    expect(checkSignature(secret, ts, sig, body.replace('sos', 'fall'), now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(checkSignature('other-secret-123', ts, sig, body, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(checkSignature(secret, String(Number(ts) + 1), sig, body, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(checkSignature(secret, ts, 'zz', body, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses stale and future timestamps (replays outside the window)', () => {
    const old = String(Number(ts) - 301);
    expect(checkSignature(secret, old, signDeviceBody(secret, old, body), body, now)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    const future = String(Number(ts) + 301);
    expect(checkSignature(secret, future, signDeviceBody(secret, future, body), body, now)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('refuses missing headers and non-numeric timestamps', () => {
    expect(checkSignature(secret, undefined, 'a', body, now)).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(checkSignature(secret, '2026-11-23', signDeviceBody(secret, '2026-11-23', body), body, now)).toMatchObject({ ok: false, reason: 'bad_timestamp' });
  });
});
