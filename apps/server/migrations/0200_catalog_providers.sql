-- Home-service catalog (categories, items, packages) and the providers that deliver it.
create table service_categories (
  code text primary key check (code ~ '^[a-z_]{2,32}$'),
  name text not null,
  name_en text not null,
  sort smallint not null default 0
);

create table service_items (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9_]{2,48}$'),
  category_code text not null references service_categories(code),
  name text not null check (length(name) between 1 and 40),
  unit text not null check (length(unit) between 1 and 10),
  price_fen integer not null check (price_fen between 0 and 10000000),
  expected_minutes integer not null check (expected_minutes between 5 and 1440),
  skills text[] not null default '{}',
  -- What the caregiver ticks off at check-out.
  tasks text[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_items_category_idx on service_items (category_code);

create table service_packages (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 40),
  description text not null default '',
  monthly_price_fen integer not null check (monthly_price_fen between 0 and 100000000),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table service_package_items (
  package_id uuid not null references service_packages(id) on delete cascade,
  item_id uuid not null references service_items(id),
  monthly_quota integer not null check (monthly_quota between 1 and 100),
  primary key (package_id, item_id)
);

create table providers (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 60),
  kind text not null check (kind in ('organisation', 'canteen', 'merchant')),
  -- Partner merchants belong to one of the seven trades.
  trade text check (trade in ('village_doctor', 'barber', 'locksmith', 'plumber_electrician', 'convenience_store', 'appliance_repair', 'bill_payment')),
  phone text,
  -- Where the provider is registered (for the bureau's scope) and the subtree it serves.
  org_unit_id uuid not null references org_units(id),
  covered_unit_id uuid not null references org_units(id),
  covered_path ltree not null,
  rating numeric(3, 2) not null default 4.50 check (rating between 0 and 5),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check ((kind = 'merchant') = (trade is not null))
);
create index providers_covered_path_gist on providers using gist (covered_path);

create table provider_items (
  provider_id uuid not null references providers(id) on delete cascade,
  item_id uuid not null references service_items(id),
  price_fen integer not null check (price_fen between 0 and 10000000),
  primary key (provider_id, item_id)
);
create index provider_items_item_idx on provider_items (item_id);

create table teams (
  id uuid primary key default gen_random_uuid(),
  provider_id uuid not null references providers(id) on delete cascade,
  name text not null check (length(name) between 1 and 40),
  unique (provider_id, name)
);

create table staff (
  id uuid primary key default gen_random_uuid(),
  provider_id uuid not null references providers(id),
  team_id uuid references teams(id),
  user_id uuid unique references users(id),
  name text not null check (length(name) between 1 and 40),
  phone text,
  skills text[] not null default '{}',
  base_lat double precision not null,
  base_lng double precision not null,
  -- The base as a point on the earth, stored so dispatch neither recomputes it per row nor
  -- re-checks the earth domain for thousands of staff (see docs/decisions/010).
  base_earth earth generated always as (ll_to_earth(base_lat, base_lng)) stored,
  -- Local (Asia/Shanghai) working hours.
  work_start time not null default '08:00',
  work_end time not null default '18:00',
  on_duty boolean not null default true,
  active boolean not null default true,
  -- Orders assigned and not yet finished; kept by the orders module so dispatch ranks cheaply.
  open_orders integer not null default 0 check (open_orders >= 0),
  created_at timestamptz not null default now(),
  check (work_start < work_end)
);
create index staff_provider_idx on staff (provider_id);
create index staff_skills_gin on staff using gin (skills);
create index staff_base_earth_gist on staff using gist (base_earth);
