-- A plan window holds at most one live visit, but a cancelled one no longer blocks it: removing a
-- holiday brings back the visits the holiday cancelled as new orders, and the cancelled order
-- keeps its own history.
drop index orders_plan_occurrence_key;
create unique index orders_plan_occurrence_key on orders (plan_id, window_start) where plan_id is not null and state <> 'cancelled';
