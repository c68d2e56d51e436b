-- ledger_entry is read by entry_id only (replays, conflicts); progress reads the daily and monthly
-- totals. The (project_code, paid_on) index served no query and cost an index insert per entry.
DROP INDEX IF EXISTS ledger_entry_project;
