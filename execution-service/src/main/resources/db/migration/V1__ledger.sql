-- execution-service: projects known from goals.projects, the exactly-once ledger, its projections,
-- held refunds/corrections, conflicts, DLQ records and indicator reports.

-- Projects as last seen on goals.projects (highest version wins).
CREATE TABLE project (
    project_code      TEXT PRIMARY KEY,
    version           INT           NOT NULL,
    fiscal_year       INT           NOT NULL,
    agency_code       TEXT          NOT NULL,
    agency_name       TEXT,
    name              TEXT,
    budget_total      NUMERIC(18,2) NOT NULL,
    budget_fiscal     NUMERIC(18,2) NOT NULL,
    budget_other      NUMERIC(18,2) NOT NULL,
    indicators        JSONB         NOT NULL DEFAULT '[]',
    snapshot_event_id TEXT,
    updated_at        TIMESTAMPTZ   NOT NULL
);

-- Where each consumer stands, written in the same transaction as what it consumed.
CREATE TABLE consumer_offset (
    group_id    TEXT   NOT NULL,
    topic       TEXT   NOT NULL,
    partition   INT    NOT NULL,
    next_offset BIGINT NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
);

-- The ledger (台账). Append-only. The entry a payment record creates on its own project has
-- entry_id = payment_id and carries the record's content hash: it is also the dedupe record of that
-- payment id. A correction adds a second entry '<paymentId>#reversal' (role REVERSAL) taking back
-- what remained of the original on the original's project. seq is the commit order (every writer
-- holds the ledger lock), which the ledger relay follows to publish execution.ledger.
CREATE TABLE ledger_entry (
    seq                  BIGSERIAL     NOT NULL,
    entry_id             TEXT          PRIMARY KEY,
    payment_id           TEXT          NOT NULL,
    role                 TEXT          NOT NULL,            -- PRIMARY | REVERSAL
    kind                 TEXT          NOT NULL,            -- PAYMENT | REFUND | CORRECTION
    original_payment_id  TEXT,
    fiscal_year          INT           NOT NULL,
    agency_code          TEXT          NOT NULL,
    project_code         TEXT          NOT NULL,
    amount               NUMERIC(18,2) NOT NULL,            -- signed
    fund_source          TEXT          NOT NULL,            -- FISCAL | OTHER
    paid_on              DATE          NOT NULL,
    economic_class       TEXT,
    functional_class     TEXT,
    authority_doc_no     TEXT,
    payee                TEXT,
    purpose              TEXT,
    content_hash         BYTEA,                             -- on PRIMARY entries
    overspend            BOOLEAN       NOT NULL,
    project_total        NUMERIC(18,2) NOT NULL,            -- running totals after this entry
    project_fiscal       NUMERIC(18,2) NOT NULL,
    project_other        NUMERIC(18,2) NOT NULL,
    source               TEXT          NOT NULL,            -- KAFKA | HTTP
    recorded_at          TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX ledger_entry_seq ON ledger_entry (seq);
CREATE INDEX ledger_entry_project ON ledger_entry (project_code, seq);
CREATE INDEX ledger_entry_original ON ledger_entry (original_payment_id) WHERE original_payment_id IS NOT NULL;

-- Per-project totals, kept in the same transaction as the entries.
CREATE TABLE project_total (
    project_code    TEXT          PRIMARY KEY,
    executed_total  NUMERIC(18,2) NOT NULL,
    executed_fiscal NUMERIC(18,2) NOT NULL,
    executed_other  NUMERIC(18,2) NOT NULL,
    entry_count     BIGINT        NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);

-- How far the ledger relay has published execution.ledger.
CREATE TABLE publish_cursor (
    name     TEXT   PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO publish_cursor (name, last_seq) VALUES ('execution.ledger', 0);

-- Refunds and corrections whose original has not arrived yet (held, applied when it does).
CREATE TABLE held_payment (
    payment_id          TEXT          PRIMARY KEY,
    original_payment_id TEXT          NOT NULL,
    kind                TEXT          NOT NULL,
    project_code        TEXT          NOT NULL,
    content_hash        BYTEA         NOT NULL,
    event               JSONB         NOT NULL,             -- the normalized record
    raw_key             BYTEA,
    raw_value           BYTEA         NOT NULL,             -- the original bytes
    source              TEXT          NOT NULL,
    source_topic        TEXT,
    source_partition    INT,
    source_offset       BIGINT,
    received_at         TIMESTAMPTZ   NOT NULL
);
CREATE INDEX held_payment_original ON held_payment (original_payment_id);

-- Same payment id, different content: recorded, never applied.
CREATE TABLE payment_conflict (
    id               BIGSERIAL   PRIMARY KEY,
    payment_id       TEXT        NOT NULL,
    project_code     TEXT,
    existing_hash    BYTEA       NOT NULL,
    incoming_hash    BYTEA       NOT NULL,
    incoming         JSONB       NOT NULL,
    source           TEXT        NOT NULL,
    source_topic     TEXT,
    source_partition INT,
    source_offset    BIGINT,
    received_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (payment_id, incoming_hash)
);
CREATE INDEX payment_conflict_project ON payment_conflict (project_code, id);

-- Rejected records, written with the batch that rejected them; the DLQ relay sends each to
-- treasury.payments.dlq with its original bytes and reason headers (an outbox for raw bytes).
CREATE TABLE dlq_record (
    id               BIGSERIAL   PRIMARY KEY,
    event_id         TEXT        NOT NULL UNIQUE,
    msg_key          BYTEA,
    payload          BYTEA       NOT NULL,
    reason           TEXT        NOT NULL,
    field            TEXT,
    message_zh       TEXT        NOT NULL,
    message_en       TEXT        NOT NULL,
    errors           JSONB,
    payment_id       TEXT,
    project_code     TEXT,
    source           TEXT        NOT NULL,
    source_topic     TEXT,
    source_partition INT,
    source_offset    BIGINT,
    source_timestamp BIGINT,
    created_at       TIMESTAMPTZ NOT NULL,
    published_at     TIMESTAMPTZ
);
CREATE INDEX dlq_record_pending ON dlq_record (id) WHERE published_at IS NULL;

-- Indicator actuals (append-only history).
CREATE TABLE indicator_report (
    seq            BIGSERIAL     NOT NULL UNIQUE,
    report_id      TEXT          PRIMARY KEY,
    content_hash   BYTEA         NOT NULL,
    project_code   TEXT          NOT NULL,
    fiscal_year    INT           NOT NULL,
    agency_code    TEXT          NOT NULL,
    indicator_seq  INT           NOT NULL,
    indicator_name TEXT          NOT NULL,
    value          NUMERIC(24,6),
    unit           TEXT,
    assessment     TEXT,
    reported_on    DATE          NOT NULL,
    reporter       TEXT          NOT NULL,
    note           TEXT,
    recorded_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX indicator_report_project ON indicator_report (project_code, seq);
CREATE INDEX dlq_record_payment ON dlq_record (payment_id) WHERE payment_id IS NOT NULL;
