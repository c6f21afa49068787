import type { Generated } from 'kysely';
import type { AlarmKind, AlarmState } from '@yiyang/contracts';

export interface RespondersTable {
  id: Generated<string>;
  name: string;
  phone: string | null;
  org_unit_id: string;
  on_duty: Generated<boolean>;
  lat: number | null;
  lng: number | null;
  position_at: Date | null;
  created_at: Generated<Date>;
}

export interface AlarmsTable {
  id: Generated<string>;
  kind: AlarmKind;
  priority: number;
  state: Generated<AlarmState>;
  device_id: string;
  elder_id: string | null;
  org_unit_id: string;
  lat: number | null;
  lng: number | null;
  event_count: Generated<number>;
  opened_at: Generated<Date>;
  last_event_at: Generated<Date>;
  claimed_at: Date | null;
  claimed_by: string | null;
  responder_id: string | null;
  dispatched_at: Date | null;
  en_route_at: Date | null;
  arrived_at: Date | null;
  closed_at: Date | null;
  outcome: string | null;
  claim_breached_at: Date | null;
  arrival_breached_at: Date | null;
  updated_at: Generated<Date>;
}

export interface AlarmTimelineTable {
  id: Generated<string>;
  alarm_id: string;
  at: Generated<Date>;
  entry: string;
  actor_user_id: string | null;
  actor_name: string | null;
  details: Generated<unknown>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    responders: RespondersTable;
    alarms: AlarmsTable;
    alarm_timeline: AlarmTimelineTable;
  }
}
