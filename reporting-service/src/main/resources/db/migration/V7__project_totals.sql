-- reporting-service takes execution.project-totals (per ledger write and project: the amounts it added per day and
-- fund source) instead of every ledger entry: its read model only ever summed them, and the copy of every entry,
-- its parsing and its index were about a third of the local stack's CPU while execution-service drained a backlog.
-- Positions (ledger_position) stay: a slice is new when its first position is above its project's.
DROP TABLE ledger_entry;

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
-- A read model filled from execution.ledger before this migration has positions but no slices: rebuild it
-- (POST /api/admin/read-model/rebuild) so that redelivered slices are recognised.
