import type { Generated } from 'kysely';

export interface ProvidersTable {
  id: Generated<string>;
  name: string;
  kind: 'organisation' | 'canteen' | 'merchant';
  trade: string | null;
  phone: string | null;
  org_unit_id: string;
  covered_unit_id: string;
  covered_path: string;
  rating: Generated<string>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ProviderItemsTable {
  provider_id: string;
  item_id: string;
  price_fen: number;
}

export interface TeamsTable {
  id: Generated<string>;
  provider_id: string;
  name: string;
}

export interface StaffTable {
  id: Generated<string>;
  provider_id: string;
  team_id: string | null;
  user_id: string | null;
  name: string;
  phone: string | null;
  skills: Generated<string[]>;
  base_lat: number;
  base_lng: number;
  work_start: Generated<string>;
  work_end: Generated<string>;
  on_duty: Generated<boolean>;
  active: Generated<boolean>;
  open_orders: Generated<number>;
  created_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    providers: ProvidersTable;
    provider_items: ProviderItemsTable;
    teams: TeamsTable;
    staff: StaffTable;
  }
}
