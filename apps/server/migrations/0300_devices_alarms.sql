-- Alarm centre: devices, their events, dead letters, responders, alarms and their timelines, and
-- the notification outbox.

create table devices (
  id uuid primary key default gen_random_uuid(),
  -- The maker's identifier, printed on the device and sent in every event.
  device_id text not null unique check (device_id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'),
  kind text not null check (kind in ('call_button', 'fall_detector', 'smoke_detector', 'gas_detector', 'door_sensor', 'gps_wearable', 'face_gate')),
  -- What the device watches over: one elder, a household (an address), or a whole compound.
  bound_to text not null check (bound_to in ('elder', 'household', 'compound')),
  elder_id uuid references elders(id),
  household_address text,
  -- Scope: the org unit of what it is bound to (the elder's compound for an elder).
  org_unit_id uuid not null references org_units(id),
  label text not null default '',
  -- HMAC secret, AES-GCM encrypted: the server must read it back to verify signatures.
  secret_enc text not null,
  status text not null default 'active' check (status in ('active', 'inactive', 'faulty')),
  battery_percent smallint check (battery_percent between 0 and 100),
  last_heartbeat_at timestamptz,
  last_event_at timestamptz,
  -- A device silent for longer than this raises a missed-heartbeat alarm.
  heartbeat_interval_seconds integer not null default 3600 check (heartbeat_interval_seconds between 30 and 604800),
  -- Safe zone for GPS wearables (dementia): centre and radius.
  geofence_lat double precision,
  geofence_lng double precision,
  geofence_radius_m integer check (geofence_radius_m between 10 and 100000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((bound_to = 'elder') = (elder_id is not null))
);
create index devices_org_unit_idx on devices (org_unit_id);
create index devices_elder_idx on devices (elder_id) where elder_id is not null;
create index devices_heartbeat_idx on devices (last_heartbeat_at) where status = 'active';

-- Every accepted device event, exactly once per (device, event id): re-sends hit the key.
create table device_events (
  id bigint generated always as identity primary key,
  device_id text not null,
  event_id text not null,
  type text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  via text not null check (via in ('http', 'mqtt')),
  payload jsonb not null default '{}',
  alarm_id uuid,
  unique (device_id, event_id)
);
create index device_events_received_idx on device_events (received_at desc);

-- Refused input is kept for the operator, never silently dropped.
create table device_dead_letters (
  id bigint generated always as identity primary key,
  received_at timestamptz not null default now(),
  via text not null check (via in ('http', 'mqtt')),
  reason text not null,
  message text not null,
  device_id text,
  event_id text,
  org_unit_id uuid references org_units(id),
  raw text not null
);
create index device_dead_letters_at_idx on device_dead_letters (received_at desc);

create table responders (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 50),
  phone text,
  org_unit_id uuid not null references org_units(id),
  on_duty boolean not null default false,
  lat double precision,
  lng double precision,
  position_at timestamptz,
  created_at timestamptz not null default now(),
  check ((lat is null) = (lng is null))
);
create index responders_org_unit_idx on responders (org_unit_id);

create table alarms (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('sos', 'fall', 'smoke', 'gas', 'geofence_exit', 'missed_heartbeat', 'low_battery')),
  -- 1 is the most urgent.
  priority smallint not null check (priority between 1 and 4),
  state text not null default 'open' check (state in ('open', 'claimed', 'dispatched', 'arrived', 'closed')),
  device_id text not null,
  elder_id uuid references elders(id),
  org_unit_id uuid not null references org_units(id),
  lat double precision,
  lng double precision,
  event_count integer not null default 1,
  opened_at timestamptz not null default now(),
  last_event_at timestamptz not null default now(),
  claimed_at timestamptz,
  claimed_by uuid references users(id),
  responder_id uuid references responders(id),
  dispatched_at timestamptz,
  en_route_at timestamptz,
  arrived_at timestamptz,
  closed_at timestamptz,
  outcome text,
  claim_breached_at timestamptz,
  arrival_breached_at timestamptz,
  updated_at timestamptz not null default now()
);
-- One live alarm per device and kind: repeated presses join it (ON CONFLICT on this index).
create unique index alarms_live_per_device on alarms (device_id, kind) where state <> 'closed';
create index alarms_queue_idx on alarms (priority, opened_at) where state <> 'closed';
create index alarms_org_unit_idx on alarms (org_unit_id, opened_at desc);
create index alarms_responder_idx on alarms (responder_id) where state <> 'closed';
create index alarms_opened_idx on alarms (opened_at desc);

create table alarm_timeline (
  id bigint generated always as identity primary key,
  alarm_id uuid not null references alarms(id),
  at timestamptz not null default now(),
  entry text not null,
  actor_user_id uuid,
  actor_name text,
  details jsonb not null default '{}'
);
create index alarm_timeline_alarm_idx on alarm_timeline (alarm_id, id);

-- Outgoing messages (family SMS, webhooks): written in the transaction that decides to send,
-- delivered afterwards by a job, so a crash never loses or duplicates the decision.
create table notification_outbox (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('sms', 'webhook', 'log')),
  -- Shown to staff (a masked phone); the phone itself stays encrypted until the moment of sending.
  recipient text not null,
  recipient_enc text,
  subject text not null,
  body text not null,
  alarm_id uuid references alarms(id),
  state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notification_outbox_pending_idx on notification_outbox (created_at) where state = 'pending';
create index notification_outbox_alarm_idx on notification_outbox (alarm_id);
