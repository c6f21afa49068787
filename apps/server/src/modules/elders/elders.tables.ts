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
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    elders: EldersTable;
  }
}
