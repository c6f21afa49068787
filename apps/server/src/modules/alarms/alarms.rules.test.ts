import { describe, expect, it } from 'vitest';
import { alarmFor, distanceMetres, heartbeatMissed, LOW_BATTERY_PERCENT } from './alarms.rules.js';

const button = { kind: 'call_button', geofence: null };
const wearable = { kind: 'gps_wearable', geofence: { lat: 30.25, lng: 120.15, radiusM: 500 } };

describe('alarm rules', () => {
  it('SOS, fall, smoke and gas raise top-priority alarms', () => {
    for (const type of ['sos', 'fall', 'smoke', 'gas'] as const) expect(alarmFor({ type, payload: {} }, button)).toEqual({ kind: type, priority: 1 });
  });

  it('a wearable leaving its safe zone raises a priority-2 alarm', () => {
    expect(alarmFor({ type: 'geofence_exit', payload: { lat: 30.27, lng: 120.15 } }, wearable)).toEqual({ kind: 'geofence_exit', priority: 2 });
    expect(alarmFor({ type: 'geofence_exit', payload: {} }, wearable)).toEqual({ kind: 'geofence_exit', priority: 2 });
  });

  it('an exit report whose position is inside the safe zone raises nothing', () => {
    expect(alarmFor({ type: 'geofence_exit', payload: { lat: 30.2501, lng: 120.1501 } }, wearable)).toBeNull();
  });

  it('low battery is the lowest priority, reported directly or through a heartbeat', () => {
    expect(alarmFor({ type: 'low_battery', payload: { battery: 9 } }, button)).toEqual({ kind: 'low_battery', priority: 4 });
    expect(alarmFor({ type: 'heartbeat', payload: { battery: LOW_BATTERY_PERCENT } }, button)).toEqual({ kind: 'low_battery', priority: 4 });
  });

  it('heartbeats with a good battery and gate passes raise nothing', () => {
    expect(alarmFor({ type: 'heartbeat', payload: { battery: 80 } }, button)).toBeNull();
    expect(alarmFor({ type: 'heartbeat', payload: {} }, button)).toBeNull();
    expect(alarmFor({ type: 'gate_pass', payload: {} }, { kind: 'face_gate', geofence: null })).toBeNull();
  });

  it('a heartbeat is missed after twice its interval of silence', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const created = new Date('2026-11-01T00:00:00Z');
    expect(heartbeatMissed(new Date(now.getTime() - 7_100_000), created, 3600, now)).toBe(false);
    expect(heartbeatMissed(new Date(now.getTime() - 7_300_000), created, 3600, now)).toBe(true);
    expect(heartbeatMissed(null, created, 3600, now)).toBe(true);
  });

  it('measures distance on the sphere', () => {
    expect(Math.round(distanceMetres({ lat: 30, lng: 120 }, { lat: 30.01, lng: 120 }))).toBe(1112);
  });
});
