-- The elder page lists one elder's alarms, live and latest closed.
create index alarms_elder_idx on alarms (elder_id, opened_at desc) where elder_id is not null;
