import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { distanceM, drawnForCallback, hashConfirmCode, judgeDuration, judgePosition, newConfirmCode } from './orders.visit.js';

describe('visit verification rules', () => {
  const home = { lat: 30.2741, lng: 120.1551 };

  it('measures distance on the earth’s surface', () => {
    expect(distanceM(home, home)).toBe(0);
    // 0.001° of latitude is about 111 m.
    expect(distanceM(home, { lat: home.lat + 0.001, lng: home.lng })).toBeGreaterThan(105);
    expect(distanceM(home, { lat: home.lat + 0.001, lng: home.lng })).toBeLessThan(118);
  });

  it('flags a position outside the radius and accepts one inside', () => {
    expect(judgePosition(home, { lat: home.lat + 0.001, lng: home.lng }, 200)).toMatchObject({ outOfArea: false });
    const far = judgePosition(home, { lat: home.lat + 0.003, lng: home.lng }, 200);
    expect(far.outOfArea).toBe(true);
    expect(far.distanceM).toBeGreaterThan(300);
    expect(judgePosition({ lat: null, lng: null }, home, 200)).toEqual({ distanceM: null, outOfArea: true });
  });

  it('computes the duration and calls a visit under the ratio too short', () => {
    const t0 = new Date('2026-11-23T02:00:00Z');
    expect(judgeDuration(t0, new Date('2026-11-23T03:30:00Z'), 120, 0.5)).toEqual({ minutes: 90, tooShort: false });
    expect(judgeDuration(t0, new Date('2026-11-23T02:20:00Z'), 120, 0.5)).toEqual({ minutes: 20, tooShort: true });
  });

  it('issues six-digit codes bound to their order', () => {
    const code = newConfirmCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(hashConfirmCode('a', code)).toBe(hashConfirmCode('a', code));
    expect(hashConfirmCode('a', code)).not.toBe(hashConfirmCode('b', code));
  });

  it('draws about the configured share for callbacks, the same way every time', () => {
    const ids = Array.from({ length: 5000 }, () => randomUUID());
    const drawn = ids.filter((id) => drawnForCallback(id, 0.1)).length;
    expect(drawn / ids.length).toBeGreaterThan(0.08);
    expect(drawn / ids.length).toBeLessThan(0.12);
    expect(ids.every((id) => drawnForCallback(id, 0.1) === drawnForCallback(id, 0.1))).toBe(true);
    expect(ids.some((id) => drawnForCallback(id, 0))).toBe(false);
    expect(ids.every((id) => drawnForCallback(id, 1))).toBe(true);
  });
});
