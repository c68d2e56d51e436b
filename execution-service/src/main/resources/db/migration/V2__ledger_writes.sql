-- Which ledger write (one insert, one transaction) each entry came from. The relay publishes, beside every entry,
-- one execution.project-totals event per write and project, and must cut the same slices whether it publishes
-- from memory or reads the table back. Entries written before this column have none: each is its own slice.
CREATE SEQUENCE ledger_write_seq;
ALTER TABLE ledger_entry ADD COLUMN write_id BIGINT;
