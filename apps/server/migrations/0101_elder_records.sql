-- Household, status note and search support for the registry.
alter table elders add column household_members jsonb not null default '[]';
alter table elders add column status_note text;
-- Given-name prefix ("秀兰" finds 张秀兰): two-character searches are too short for trigrams.
create index elders_given_name_idx on elders ((substr(name, 2)) text_pattern_ops);
create index elders_name_prefix_idx on elders (name text_pattern_ops);
-- Lists are sorted by name; carrying the filter columns lets a filtered page walk this index
-- alone (index-only) instead of fetching every candidate row from the table.
create index elders_name_sort_idx on elders (name, id)
  include (org_unit_id, status, care_level, birth_date, categories, living_situation, name_initials);

-- Capability assessments (GB/T 42195-2022), kept as history; the latest sets elders.care_level.
create table elder_assessments (
  id uuid primary key default gen_random_uuid(),
  elder_id uuid not null references elders(id),
  reason text not null check (reason in ('first', 'routine', 'immediate', 'dispute')),
  assessed_at date not null,
  assessor_user_id uuid references users(id),
  assessor_name text not null,
  informant text,
  items jsonb not null,
  coma boolean not null default false,
  diagnoses text[] not null default '{}',
  risk_events jsonb not null default '{}',
  total_score smallint not null check (total_score between 0 and 90),
  preliminary_level smallint not null check (preliminary_level between 0 and 4),
  level smallint not null check (level between 0 and 4),
  reasons text[] not null default '{}',
  care_tier text not null check (care_tier in ('self_care', 'semi_care', 'full_care')),
  note text,
  created_at timestamptz not null default now()
);
create index elder_assessments_elder_idx on elder_assessments (elder_id, assessed_at desc, created_at desc);

-- Conditions, allergies, medications, disabilities: ended rather than deleted, so history stays.
create table elder_health_items (
  id uuid primary key default gen_random_uuid(),
  elder_id uuid not null references elders(id),
  kind text not null check (kind in ('condition', 'allergy', 'medication', 'disability')),
  name text not null check (length(name) between 1 and 100),
  code text,
  dose text,
  route text,
  frequency text,
  reaction text,
  severity text check (severity in ('mild', 'moderate', 'severe')),
  grade smallint check (grade between 1 and 4),
  since date,
  note text,
  active boolean not null default true,
  ended_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index elder_health_items_elder_idx on elder_health_items (elder_id, kind) where active;

create table elder_measurements (
  id uuid primary key default gen_random_uuid(),
  elder_id uuid not null references elders(id),
  kind text not null check (kind in ('blood_pressure', 'glucose', 'weight', 'heart_rate')),
  measured_at timestamptz not null,
  value numeric(6, 2),
  systolic smallint,
  diastolic smallint,
  context text,
  note text,
  -- 'manual' from the console; devices and check-up imports add their own.
  source text not null default 'manual',
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  check ((kind = 'blood_pressure') = (systolic is not null and diastolic is not null)),
  check ((kind = 'blood_pressure') = (value is null))
);
create index elder_measurements_elder_idx on elder_measurements (elder_id, kind, measured_at);

-- Excel imports: the uploaded file waits here for the job worker; progress is polled by the console.
create table elder_imports (
  id uuid primary key default gen_random_uuid(),
  created_by uuid not null references users(id),
  org_unit_id uuid not null references org_units(id),
  mode text not null check (mode in ('all_or_nothing', 'valid_only')),
  status text not null default 'queued' check (status in ('queued', 'validating', 'importing', 'done', 'rejected', 'failed')),
  file_name text,
  -- base64: moves through both drivers as one string, where bytea goes byte by byte in hex.
  file_base64 text,
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  valid_rows integer not null default 0,
  imported_rows integer not null default 0,
  error_rows integer not null default 0,
  errors jsonb not null default '[]',
  message text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index elder_imports_creator_idx on elder_imports (created_by, created_at desc);
