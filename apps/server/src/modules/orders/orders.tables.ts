import type { Generated } from 'kysely';
import type { OrderState } from './orders.state.js';

export interface OrderSettingsTable {
  id: Generated<boolean>;
  accept_within_minutes: Generated<number>;
  start_grace_minutes: Generated<number>;
  auto_redispatch: Generated<boolean>;
  geofence_radius_m: Generated<number>;
  min_duration_ratio: Generated<string>;
  callback_share: Generated<string>;
  updated_at: Generated<Date>;
}

export interface OrdersTable {
  id: Generated<string>;
  number: Generated<string>;
  elder_id: string;
  elder_name: string;
  org_unit_id: string;
  org_path: string;
  address: string;
  lat: number | null;
  lng: number | null;
  state: OrderState;
  source: 'elder' | 'family' | 'phone' | 'community' | 'care_plan';
  payer: 'self' | 'subsidy' | 'package';
  window_start: Date;
  window_end: Date;
  notes: Generated<string>;
  total_fen: Generated<number>;
  expected_minutes: Generated<number>;
  skills: Generated<string[]>;
  provider_id: string | null;
  staff_id: string | null;
  plan_id: string | null;
  dispatch_explanation: unknown | null;
  reject_count: Generated<number>;
  check_in_at: Date | null;
  check_in_lat: number | null;
  check_in_lng: number | null;
  check_in_distance_m: number | null;
  check_out_at: Date | null;
  check_out_lat: number | null;
  check_out_lng: number | null;
  check_out_distance_m: number | null;
  out_of_area: Generated<boolean>;
  duration_minutes: number | null;
  too_short: Generated<boolean>;
  tasks_done: Generated<string[]>;
  confirm_code_hash: string | null;
  confirm_code_expires_at: Date | null;
  confirm_code_failures: Generated<number>;
  confirmed_by: 'elder' | 'family' | 'operator_callback' | 'code' | null;
  confirm_note: string | null;
  rating: number | null;
  review_tags: Generated<string[]>;
  review_comment: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrderItemsTable {
  order_id: string;
  item_id: string;
  name: string;
  price_fen: number;
}

export interface OrderTimelineTable {
  id: Generated<string>;
  order_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string | null;
  reason: string | null;
  details: unknown | null;
  at: Generated<Date>;
}

export interface OrderPhotosTable {
  order_id: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Buffer;
  created_at: Generated<Date>;
}

export interface OrderSlaBreachesTable {
  id: Generated<string>;
  order_id: string;
  kind: 'accept' | 'start';
  deadline: Date;
  staff_id: string | null;
  redispatched: Generated<boolean>;
  at: Generated<Date>;
}

export interface CallbackTasksTable {
  id: Generated<string>;
  order_id: string;
  org_path: string;
  state: Generated<'open' | 'done'>;
  satisfaction: number | null;
  note: string | null;
  done_by: string | null;
  done_at: Date | null;
  created_at: Generated<Date>;
}

export interface ElderPackagesTable {
  elder_id: string;
  package_id: string;
  org_unit_id: string;
  /** Local calendar days, 'YYYY-MM-DD'. */
  starts_on: string;
  ends_on: string | null;
  assigned_by: string | null;
  updated_at: Generated<Date>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    order_settings: OrderSettingsTable;
    orders: OrdersTable;
    order_items: OrderItemsTable;
    order_timeline: OrderTimelineTable;
    order_photos: OrderPhotosTable;
    order_sla_breaches: OrderSlaBreachesTable;
    callback_tasks: CallbackTasksTable;
    elder_packages: ElderPackagesTable;
  }
}
