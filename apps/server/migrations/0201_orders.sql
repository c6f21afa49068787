-- Work orders from request to review, their timeline, visit evidence, SLA breaches and callbacks.
create table order_settings (
  id boolean primary key default true check (id),
  accept_within_minutes integer not null default 30 check (accept_within_minutes between 1 and 1440),
  start_grace_minutes integer not null default 15 check (start_grace_minutes between 0 and 720),
  auto_redispatch boolean not null default true,
  geofence_radius_m integer not null default 200 check (geofence_radius_m between 10 and 10000),
  -- A visit shorter than this share of the item's expected minutes is "too short".
  min_duration_ratio numeric(3, 2) not null default 0.50 check (min_duration_ratio between 0 and 1),
  callback_share numeric(4, 3) not null default 0.100 check (callback_share between 0 and 1),
  updated_at timestamptz not null default now()
);
insert into order_settings default values;

create sequence order_number_seq;

create table orders (
  id uuid primary key default gen_random_uuid(),
  number bigint not null unique default nextval('order_number_seq'),
  elder_id uuid not null references elders(id),
  elder_name text not null,
  -- The elder's unit and path when ordered: scope follows the elder's area.
  org_unit_id uuid not null references org_units(id),
  org_path ltree not null,
  address text not null,
  lat double precision,
  lng double precision,
  state text not null check (state in ('requested', 'dispatched', 'accepted', 'en_route', 'in_service', 'completed', 'confirmed', 'reviewed', 'cancelled', 'no_show', 'disputed')),
  source text not null check (source in ('elder', 'family', 'phone', 'community', 'care_plan')),
  payer text not null check (payer in ('self', 'subsidy', 'package')),
  window_start timestamptz not null,
  window_end timestamptz not null,
  notes text not null default '',
  total_fen integer not null default 0,
  expected_minutes integer not null default 0,
  skills text[] not null default '{}',
  provider_id uuid references providers(id),
  staff_id uuid references staff(id),
  plan_id uuid,
  dispatch_explanation jsonb,
  reject_count integer not null default 0,
  check_in_at timestamptz,
  check_in_lat double precision,
  check_in_lng double precision,
  check_in_distance_m integer,
  check_out_at timestamptz,
  check_out_lat double precision,
  check_out_lng double precision,
  check_out_distance_m integer,
  out_of_area boolean not null default false,
  duration_minutes integer,
  too_short boolean not null default false,
  tasks_done text[] not null default '{}',
  confirm_code_hash text,
  confirm_code_expires_at timestamptz,
  confirmed_by text check (confirmed_by in ('elder', 'family', 'operator_callback', 'code')),
  confirm_note text,
  rating smallint check (rating between 1 and 5),
  review_tags text[] not null default '{}',
  review_comment text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (window_start < window_end)
);
create index orders_org_path_gist on orders using gist (org_path);
create index orders_state_idx on orders (state, window_start);
create index orders_elder_idx on orders (elder_id, window_start desc);
create index orders_provider_idx on orders (provider_id, window_start desc);
create index orders_staff_open_idx on orders (staff_id, window_start) where state in ('dispatched', 'accepted', 'en_route', 'in_service');
-- A care plan generates at most one order per occurrence.
create unique index orders_plan_occurrence_key on orders (plan_id, window_start) where plan_id is not null;

create table order_items (
  order_id uuid not null references orders(id) on delete cascade,
  item_id uuid not null references service_items(id),
  name text not null,
  price_fen integer not null,
  primary key (order_id, item_id)
);

create table order_timeline (
  id bigint generated always as identity primary key,
  order_id uuid not null references orders(id) on delete cascade,
  action text not null,
  from_state text,
  to_state text not null,
  actor_user_id uuid,
  actor_name text not null,
  actor_role text,
  reason text,
  details jsonb,
  at timestamptz not null default now()
);
create index order_timeline_order_idx on order_timeline (order_id, id);

create table order_photos (
  order_id uuid primary key references orders(id) on delete cascade,
  mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
  data bytea not null,
  created_at timestamptz not null default now()
);

create table order_sla_breaches (
  id bigint generated always as identity primary key,
  order_id uuid not null references orders(id),
  kind text not null check (kind in ('accept', 'start')),
  deadline timestamptz not null,
  staff_id uuid,
  redispatched boolean not null default false,
  at timestamptz not null default now()
);
create index order_sla_breaches_order_idx on order_sla_breaches (order_id);

create table callback_tasks (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null unique references orders(id),
  org_path ltree not null,
  state text not null default 'open' check (state in ('open', 'done')),
  satisfaction smallint check (satisfaction between 1 and 5),
  note text,
  done_by uuid references users(id),
  done_at timestamptz,
  created_at timestamptz not null default now()
);
create index callback_tasks_open_idx on callback_tasks using gist (org_path) where state = 'open';

-- Outbox of messages to people (SMS or in-app); a sender drains it. Other modules may write here too.
create table notifications (
  id bigint generated always as identity primary key,
  user_id uuid references users(id),
  channel text not null check (channel in ('app', 'sms')),
  topic text not null,
  body text not null,
  entity_type text,
  entity_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notifications_unsent_idx on notifications (created_at) where sent_at is null;
create index notifications_user_idx on notifications (user_id, created_at desc);
