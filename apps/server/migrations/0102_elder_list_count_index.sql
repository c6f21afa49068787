-- A list's capped count ("140+") needs no order, only a quick walk over the matching elders.
-- Keyed by the filters a console list narrows by (area, care level, age) and carrying the rest,
-- it lets the count run index-only with index conditions, where walking the name order made a
-- selective filter (a street, 80+, living alone, care level 2–4: 0.3 % of a district) read
-- 50,000 entries to count 141. It also serves what the partial index below did.
create index elders_list_filter_idx on elders (org_unit_id, care_level, birth_date)
  include (status, categories, living_situation);
drop index elders_active_org_idx;
