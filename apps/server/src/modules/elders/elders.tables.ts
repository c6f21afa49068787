import type { Generated } from 'kysely';

export interface EldersTable {
  id: Generated<string>;
  name: string;
  name_initials: Generated<string>;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  org_unit_id: string;
  address: Generated<string>;
  lat: number | null;
  lng: number | null;
  living_situation: Generated<string[]>;
  categories: Generated<string[]>;
  care_level: number | null;
  care_tier: 'self_care' | 'semi_care' | 'full_care' | null;
  emergency_contacts: Generated<unknown>;
  status: Generated<'active' | 'moved_out' | 'deceased'>;
  status_changed_at: Date | null;
  status_note: string | null;
  household_members: Generated<unknown>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ElderAssessmentsTable {
  id: Generated<string>;
  elder_id: string;
  reason: 'first' | 'routine' | 'immediate' | 'dispute';
  assessed_at: string;
  assessor_user_id: string | null;
  assessor_name: string;
  informant: string | null;
  items: unknown;
  coma: boolean;
  diagnoses: string[];
  risk_events: unknown;
  total_score: number;
  preliminary_level: number;
  level: number;
  reasons: string[];
  care_tier: 'self_care' | 'semi_care' | 'full_care';
  note: string | null;
  created_at: Generated<Date>;
}

export interface ElderHealthItemsTable {
  id: Generated<string>;
  elder_id: string;
  kind: 'condition' | 'allergy' | 'medication' | 'disability';
  name: string;
  code: string | null;
  dose: string | null;
  route: string | null;
  frequency: string | null;
  reaction: string | null;
  severity: 'mild' | 'moderate' | 'severe' | null;
  grade: number | null;
  since: string | null;
  note: string | null;
  active: Generated<boolean>;
  ended_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ElderMeasurementsTable {
  id: Generated<string>;
  elder_id: string;
  kind: 'blood_pressure' | 'glucose' | 'weight' | 'heart_rate';
  measured_at: Date | string;
  /** numeric comes back as a string from both drivers. */
  value: string | number | null;
  systolic: number | null;
  diastolic: number | null;
  context: string | null;
  note: string | null;
  source: Generated<string>;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface ElderImportsTable {
  id: Generated<string>;
  created_by: string;
  org_unit_id: string;
  mode: 'all_or_nothing' | 'valid_only';
  status: Generated<'queued' | 'validating' | 'importing' | 'done' | 'rejected' | 'failed'>;
  file_name: string | null;
  file_base64: string | null;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  valid_rows: Generated<number>;
  imported_rows: Generated<number>;
  error_rows: Generated<number>;
  errors: Generated<unknown>;
  message: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    elders: EldersTable;
    elder_assessments: ElderAssessmentsTable;
    elder_health_items: ElderHealthItemsTable;
    elder_measurements: ElderMeasurementsTable;
    elder_imports: ElderImportsTable;
  }
}
