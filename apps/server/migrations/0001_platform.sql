-- Platform: organisation tree, accounts, sessions, audit log, durable jobs.
create extension if not exists ltree;
create extension if not exists cube;
create extension if not exists earthdistance;
create extension if not exists pg_trgm;

create table org_units (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references org_units(id),
  name text not null check (length(name) between 1 and 60),
  level text not null check (level in ('district', 'street', 'community', 'grid', 'compound')),
  path ltree not null,
  code text,
  lat double precision,
  lng double precision,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((lat is null) = (lng is null))
);
create unique index org_units_path_key on org_units (path);
create index org_units_path_gist on org_units using gist (path);
create index org_units_parent_idx on org_units (parent_id);
-- Sibling names are unique, so "阳光社区" means one thing inside a street.
create unique index org_units_sibling_name_key on org_units (parent_id, name);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  role text not null,
  org_unit_id uuid not null references org_units(id),
  password_hash text not null,
  disabled boolean not null default false,
  provider_id uuid,
  staff_id uuid,
  responder_id uuid,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);
create index users_org_unit_idx on users (org_unit_id);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

-- Failed logins are counted per submitted username, whether or not such a user exists, so the
-- lockout answer never reveals which usernames are real.
create table login_throttle (
  username text primary key,
  failures integer not null,
  locked_until timestamptz,
  last_failure_at timestamptz not null
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid,
  actor_username text,
  actor_role text,
  action text not null,
  entity_type text,
  entity_id text,
  org_unit_id uuid,
  ip text,
  request_id text,
  details jsonb
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_actor_idx on audit_log (actor_username, at desc);

-- Append-only by construction: the database itself refuses to change or remove history.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();

create table jobs (
  id uuid primary key default gen_random_uuid(),
  queue text not null,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  state text not null default 'pending' check (state in ('pending', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_until timestamptz,
  last_error text,
  singleton_key text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due_idx on jobs (run_at) where state in ('pending', 'running');
-- At most one live job per singleton key (e.g. one SLA timer per order and deadline).
create unique index jobs_singleton_key on jobs (singleton_key) where singleton_key is not null and state in ('pending', 'running');

-- Family accounts act for particular elders; the elders module adds the foreign key to its table.
create table user_elders (
  user_id uuid not null references users(id) on delete cascade,
  elder_id uuid not null,
  relation text,
  primary key (user_id, elder_id)
);
create index user_elders_elder_idx on user_elders (elder_id);
