-- Which service package (套餐) an elder holds. An order paid by the package counts against the
-- package's monthly quota of each of its items; one package per elder at a time.
create table elder_packages (
  elder_id uuid primary key references elders(id),
  package_id uuid not null references service_packages(id),
  org_unit_id uuid not null references org_units(id),
  starts_on date not null,
  ends_on date,
  assigned_by uuid references users(id),
  updated_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);
create index elder_packages_org_unit_idx on elder_packages (org_unit_id);
-- Counting a month's package use per elder and item.
create index orders_package_use_idx on orders (elder_id, window_start) where payer = 'package';
