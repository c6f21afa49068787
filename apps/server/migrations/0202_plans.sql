-- Recurring care plans and the bureau's holiday calendar they skip.
create table holidays (
  day date primary key,
  name text not null check (length(name) between 1 and 40),
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);

create table care_plans (
  id uuid primary key default gen_random_uuid(),
  elder_id uuid not null references elders(id),
  org_unit_id uuid not null references org_units(id),
  org_path ltree not null,
  item_ids uuid[] not null check (cardinality(item_ids) between 1 and 10),
  -- iCalendar RRULE (without DTSTART), e.g. FREQ=WEEKLY;BYDAY=TU
  rrule text not null check (length(rrule) between 5 and 300),
  -- Local (Asia/Shanghai) start time of each visit and its length.
  start_time time not null,
  duration_minutes integer not null check (duration_minutes between 15 and 720),
  starts_on date not null,
  ends_on date,
  payer text not null check (payer in ('self', 'subsidy', 'package')),
  notes text not null default '',
  state text not null default 'active' check (state in ('active', 'stopped')),
  stop_reason text,
  generated_until date,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index care_plans_active_idx on care_plans (state) where state = 'active';
create index care_plans_org_path_gist on care_plans using gist (org_path);
alter table orders add constraint orders_plan_fk foreign key (plan_id) references care_plans(id);
