-- Read model of reporting-service, rebuilt from goals.projects and execution.ledger.

-- Latest known snapshot of each project (highest version wins).
CREATE TABLE project (
    code          TEXT PRIMARY KEY,
    version       INT           NOT NULL,
    fiscal_year   INT           NOT NULL,
    agency_code   TEXT          NOT NULL,
    agency_name   TEXT,
    name          TEXT          NOT NULL,
    budget_total  NUMERIC(18,2) NOT NULL,
    budget_fiscal NUMERIC(18,2) NOT NULL,
    budget_other  NUMERIC(18,2) NOT NULL,
    plan          JSONB         NOT NULL,
    snapshot      TEXT          NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX project_agency_year ON project (agency_code, fiscal_year);

-- Accepted ledger entries as published by execution-service; entry_id makes replays no-ops.
CREATE TABLE ledger_entry (
    entry_id            TEXT PRIMARY KEY,
    payment_id          TEXT          NOT NULL,
    kind                TEXT          NOT NULL,
    original_payment_id TEXT,
    fiscal_year         INT           NOT NULL,
    agency_code         TEXT          NOT NULL,
    project_code        TEXT          NOT NULL,
    amount              NUMERIC(18,2) NOT NULL,
    fund_source         TEXT          NOT NULL,
    paid_on             DATE          NOT NULL,
    overspend           BOOLEAN       NOT NULL,
    recorded_at         TIMESTAMPTZ
);
CREATE INDEX ledger_entry_project ON ledger_entry (project_code, paid_on);

-- Executed amount per project, day and fund source: what "as of" questions sum over.
CREATE TABLE daily_execution (
    project_code TEXT          NOT NULL,
    paid_on      DATE          NOT NULL,
    fund_source  TEXT          NOT NULL,
    agency_code  TEXT          NOT NULL,
    fiscal_year  INT           NOT NULL,
    amount       NUMERIC(18,2) NOT NULL,
    entries      INT           NOT NULL,
    PRIMARY KEY (project_code, paid_on, fund_source)
);
CREATE INDEX daily_execution_agency ON daily_execution (agency_code, fiscal_year, paid_on);
