-- reporting-service takes execution.project-totals (per ledger write and project: the amounts it added per day and
-- fund source) instead of every ledger entry: its read model only ever summed them, and the copy of every entry,
-- its parsing and its index were about a third of the local stack's CPU while execution-service drained a backlog.
DROP TABLE ledger_entry;

-- The highest ledger position (execution-service's seq) applied per project: a slice is new when its first
-- position is above it (a project's slices arrive in position order, a batch is applied whole or not at all).
CREATE TABLE ledger_position (
    project_code TEXT   PRIMARY KEY,
    last_seq     BIGINT NOT NULL
);

-- Every slice applied, by project and last position: a redelivery is compared with it (content is the slice's
-- business content in a canonical text form).
CREATE TABLE applied_totals (
    project_code TEXT        NOT NULL,
    to_seq       BIGINT      NOT NULL,
    from_seq     BIGINT      NOT NULL,
    event_id     TEXT        NOT NULL,
    content      TEXT        NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_code, to_seq)
);
-- No upgrade path for a read model filled from execution.ledger: no release had one, and execution.project-totals
-- only covers entries published since it exists. A development database from before needs a fresh stack
-- (deploy/local/up --clean).
