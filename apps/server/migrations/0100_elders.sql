-- Elder registry: the record every other module reads. Never deleted: status ends a record.
create table elders (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 50),
  -- Pinyin initials of the name ("zxm" for 张晓明) for quick search by initials.
  name_initials text not null default '',
  -- ID-card number: AES-GCM ciphertext, keyed lookup hash, and the masked form for lists.
  id_number_enc text not null,
  id_number_hash text not null,
  id_number_masked text not null,
  sex text not null check (sex in ('male', 'female')),
  birth_date date not null,
  phone_enc text,
  phone_hash text,
  phone_masked text,
  org_unit_id uuid not null references org_units(id),
  address text not null default '',
  lat double precision,
  lng double precision,
  living_situation text[] not null default '{}',
  categories text[] not null default '{}',
  care_level smallint check (care_level between 0 and 4),
  care_tier text check (care_tier in ('self_care', 'semi_care', 'full_care')),
  emergency_contacts jsonb not null default '[]',
  status text not null default 'active' check (status in ('active', 'moved_out', 'deceased')),
  status_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((lat is null) = (lng is null))
);
-- One person, one record in the district.
create unique index elders_id_number_hash_key on elders (id_number_hash);
create index elders_phone_hash_idx on elders (phone_hash) where phone_hash is not null;
create index elders_org_unit_idx on elders (org_unit_id);
create index elders_birth_date_idx on elders (birth_date);
create index elders_name_trgm on elders using gin (name gin_trgm_ops);
create index elders_initials_idx on elders (name_initials text_pattern_ops);
create index elders_categories_gin on elders using gin (categories);
create index elders_living_gin on elders using gin (living_situation);
create index elders_active_org_idx on elders (org_unit_id, care_level) where status = 'active';

alter table user_elders add constraint user_elders_elder_fk foreign key (elder_id) references elders(id);
