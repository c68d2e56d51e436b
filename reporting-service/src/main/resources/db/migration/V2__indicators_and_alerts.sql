-- Indicator actuals (绩效指标实际值) from execution.indicator-reports: append-only history.
CREATE TABLE indicator_actual (
    event_id       TEXT PRIMARY KEY,
    project_code   TEXT        NOT NULL,
    indicator_seq  INT         NOT NULL,
    indicator_name TEXT,
    value          NUMERIC(24,6),
    unit           TEXT,
    assessment     TEXT,
    reported_on    DATE        NOT NULL,
    reporter       TEXT,
    note           TEXT,
    recorded_at    TIMESTAMPTZ
);
CREATE INDEX indicator_actual_latest ON indicator_actual (project_code, indicator_seq, reported_on DESC, recorded_at DESC);

-- Deviation alerts (预警). The id is deterministic (project, rule, checkpoint or key), so the same
-- alert can be inserted by any replica any number of times and exists once.
CREATE TABLE alert (
    id               TEXT PRIMARY KEY,
    project_code     TEXT        NOT NULL,
    agency_code      TEXT        NOT NULL,
    fiscal_year      INT         NOT NULL,
    project_name     TEXT,
    rule             TEXT        NOT NULL,
    severity         TEXT        NOT NULL,
    checkpoint       DATE,
    as_of            DATE        NOT NULL,
    figures          JSONB       NOT NULL,
    message_zh       TEXT        NOT NULL,
    message_en       TEXT        NOT NULL,
    raised_at        TIMESTAMPTZ NOT NULL,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    ack_comment      TEXT
);
CREATE INDEX alert_agency_year ON alert (agency_code, fiscal_year, severity);
CREATE INDEX alert_project ON alert (project_code);

-- Which checkpoints of which project have been evaluated automatically.
CREATE TABLE checkpoint_evaluation (
    project_code TEXT        NOT NULL,
    checkpoint   DATE        NOT NULL,
    evaluated_at TIMESTAMPTZ NOT NULL,
    alerts       INT         NOT NULL,
    PRIMARY KEY (project_code, checkpoint)
);

-- Webhook deliveries of alerts: one row per alert and configured webhook, retried with backoff.
CREATE TABLE alert_delivery (
    alert_id        TEXT        NOT NULL REFERENCES alert (id),
    webhook         TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_status     INT,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ,
    PRIMARY KEY (alert_id, webhook)
);
CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE status = 'PENDING';
