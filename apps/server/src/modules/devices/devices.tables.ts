import type { Generated } from 'kysely';
import type { DeviceEventType, DeviceKind } from '@yiyang/contracts';

export interface DevicesTable {
  id: Generated<string>;
  device_id: string;
  kind: DeviceKind;
  bound_to: 'elder' | 'household' | 'compound';
  elder_id: string | null;
  household_address: string | null;
  org_unit_id: string;
  label: Generated<string>;
  secret_enc: string;
  status: Generated<'active' | 'inactive' | 'faulty'>;
  battery_percent: number | null;
  last_heartbeat_at: Date | null;
  last_event_at: Date | null;
  heartbeat_interval_seconds: Generated<number>;
  geofence_lat: number | null;
  geofence_lng: number | null;
  geofence_radius_m: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DeviceEventsTable {
  id: Generated<string>;
  device_id: string;
  event_id: string;
  type: DeviceEventType;
  occurred_at: Date;
  received_at: Generated<Date>;
  via: 'http' | 'mqtt';
  payload: unknown;
  alarm_id: string | null;
}

export interface DeviceDeadLettersTable {
  id: Generated<string>;
  received_at: Generated<Date>;
  via: 'http' | 'mqtt';
  reason: string;
  message: string;
  device_id: string | null;
  event_id: string | null;
  org_unit_id: string | null;
  raw: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    devices: DevicesTable;
    device_events: DeviceEventsTable;
    device_dead_letters: DeviceDeadLettersTable;
  }
}
