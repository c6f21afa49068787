import type { AlarmKind, DeviceEventType } from '@yiyang/contracts';

/**
 * Which device events raise an alarm, and how urgent it is (1 = someone may be hurt now). Pure,
 * so every rule is tested on its own; the ingestion transaction applies it.
 */
export interface AlarmDecision {
  kind: AlarmKind;
  priority: 1 | 2 | 3 | 4;
}

export const PRIORITY: Record<AlarmKind, AlarmDecision['priority']> = {
  sos: 1,
  fall: 1,
  smoke: 1,
  gas: 1,
  geofence_exit: 2,
  missed_heartbeat: 3,
  low_battery: 4,
};

/** A heartbeat reporting this battery level or less counts as a low-battery report. */
export const LOW_BATTERY_PERCENT = 15;

export interface RuleInput {
  type: DeviceEventType;
  payload: { battery?: number | undefined; lat?: number | undefined; lng?: number | undefined };
}

export interface DeviceFacts {
  kind: string;
  geofence: { lat: number; lng: number; radiusM: number } | null;
}

export function alarmFor(event: RuleInput, device: DeviceFacts): AlarmDecision | null {
  switch (event.type) {
    case 'sos':
    case 'fall':
    case 'smoke':
    case 'gas':
      return { kind: event.type, priority: PRIORITY[event.type] };
    case 'geofence_exit':
      // A wearable that knows its zone reports the exit itself; one that sends a position that
      // lies inside the zone we hold is not trusted to have left it.
      if (device.geofence && event.payload.lat !== undefined && event.payload.lng !== undefined) {
        if (distanceMetres(device.geofence, { lat: event.payload.lat, lng: event.payload.lng }) <= device.geofence.radiusM) return null;
      }
      return { kind: 'geofence_exit', priority: PRIORITY.geofence_exit };
    case 'low_battery':
      return { kind: 'low_battery', priority: PRIORITY.low_battery };
    case 'heartbeat':
      if (event.payload.battery !== undefined && event.payload.battery <= LOW_BATTERY_PERCENT) return { kind: 'low_battery', priority: PRIORITY.low_battery };
      return null;
    case 'gate_pass':
      return null;
    default: {
      const never: never = event.type;
      throw new Error(`unknown event type ${String(never)}`);
    }
  }
}

/** Devices silent past their interval plus this grace are reported as missing heartbeats. */
export const HEARTBEAT_GRACE_FACTOR = 2;

export function heartbeatMissed(lastHeartbeatAt: Date | null, createdAt: Date, intervalSeconds: number, now: Date): boolean {
  const since = lastHeartbeatAt ?? createdAt;
  return now.getTime() - since.getTime() > intervalSeconds * HEARTBEAT_GRACE_FACTOR * 1000;
}

/** Great-circle distance (haversine), for the rule above; dispatch uses earthdistance in SQL. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
