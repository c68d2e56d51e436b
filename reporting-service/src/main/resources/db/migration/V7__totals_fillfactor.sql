-- The daily and monthly totals are updated in place by every batch of executed amounts: with room left on each page,
-- an update can stay on its page without new index entries (a HOT update). Half of the daily updates were not.
ALTER TABLE daily_execution SET (fillfactor = 80);
ALTER TABLE monthly_execution SET (fillfactor = 80);
ALTER TABLE ledger_position SET (fillfactor = 80);
