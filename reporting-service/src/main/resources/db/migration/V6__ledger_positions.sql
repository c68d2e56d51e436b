-- Ledger entries are deduplicated by their position in execution-service's ledger (seq: unique, increasing within a
-- project) instead of by entry id: an entry at or below the highest position applied for its project is a replay,
-- compared with the row stored at that position. A unique index on an increasing number is appended to at its right
-- edge; the primary key on entry_id took an insert at a random place in an index larger than the buffer cache for
-- every entry (about half of this service's database time while execution-service drained a backlog).
ALTER TABLE ledger_entry ADD COLUMN seq BIGINT;
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_pkey;
CREATE UNIQUE INDEX ledger_entry_seq ON ledger_entry (seq);

-- The highest ledger position applied per project, written by the statement that applies the entries.
CREATE TABLE ledger_position (
    project_code TEXT   PRIMARY KEY,
    last_seq     BIGINT NOT NULL
);
-- Rows stored before this migration carry no position: rebuild the read model (POST /api/admin/read-model/rebuild)
-- so that a later redelivery of them is recognised.
