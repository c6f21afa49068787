import type { Generated } from 'kysely';

export interface HolidaysTable {
  day: string;
  name: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CarePlansTable {
  id: Generated<string>;
  elder_id: string;
  org_unit_id: string;
  org_path: string;
  item_ids: string[];
  rrule: string;
  start_time: string;
  duration_minutes: number;
  starts_on: string;
  ends_on: string | null;
  payer: 'self' | 'subsidy' | 'package';
  notes: Generated<string>;
  state: Generated<'active' | 'stopped'>;
  stop_reason: string | null;
  generated_until: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    holidays: HolidaysTable;
    care_plans: CarePlansTable;
  }
}
