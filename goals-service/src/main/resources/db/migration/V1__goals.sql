-- goals-service: agencies, goal documents (original bytes + import report), department goals,
-- projects (current state), every project version as a full snapshot, budget adjustments.
-- Money is NUMERIC(18,2) yuan. Documents, versions and adjustments are append-only (triggers below).

-- 预算单位
CREATE TABLE agency (
    code       TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- 绩效目标表: one row per stored version of an agency's document for a fiscal year
CREATE TABLE goal_document (
    id          UUID        PRIMARY KEY,
    agency_code TEXT        NOT NULL REFERENCES agency (code),
    fiscal_year INT         NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2099),
    version     INT         NOT NULL CHECK (version >= 1),
    media_type  TEXT        NOT NULL,
    size_bytes  INT         NOT NULL,
    sha256      CHAR(64)    NOT NULL,
    original    BYTEA       NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    report      JSON        NOT NULL,
    UNIQUE (agency_code, fiscal_year, version)
);

-- 部门整体绩效目标: the duties of part 1, per document
CREATE TABLE department_goal (
    document_id      UUID NOT NULL REFERENCES goal_document (id),
    seq              INT  NOT NULL,
    agency_code      TEXT NOT NULL,
    fiscal_year      INT  NOT NULL,
    title            TEXT NOT NULL,
    main_duty        TEXT,
    duty_goal        TEXT,
    performance_goal TEXT,
    indicator_text   TEXT,
    standard         TEXT,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX department_goal_agency_year ON department_goal (agency_code, fiscal_year);

-- Indicator-quality findings of the import, per document
CREATE TABLE quality_warning (
    document_id    UUID NOT NULL REFERENCES goal_document (id),
    seq            INT  NOT NULL,
    project_code   TEXT,
    indicator_seq  INT,
    indicator_name TEXT,
    rule           TEXT NOT NULL,
    message_zh     TEXT NOT NULL,
    message_en     TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX quality_warning_project ON quality_warning (project_code);

-- 项目: current state. The code (21 characters, year inside) identifies a project across the suite.
CREATE TABLE project (
    code                 TEXT          PRIMARY KEY,
    fiscal_year          INT           NOT NULL,
    agency_code          TEXT          NOT NULL REFERENCES agency (code),
    document_agency_code TEXT          NOT NULL REFERENCES agency (code),
    name                 TEXT          NOT NULL,
    purpose              TEXT,
    table_no             INT           NOT NULL,
    version              INT           NOT NULL CHECK (version >= 1),
    -- current (adjusted) budget: every execution rate uses it
    budget_total         NUMERIC(18,2) NOT NULL CHECK (budget_total >= 0),
    budget_fiscal        NUMERIC(18,2) NOT NULL CHECK (budget_fiscal >= 0),
    budget_other         NUMERIC(18,2) NOT NULL CHECK (budget_other >= 0),
    -- budget of the first document version that declared the project
    original_total       NUMERIC(18,2) NOT NULL,
    original_fiscal      NUMERIC(18,2) NOT NULL,
    original_other       NUMERIC(18,2) NOT NULL,
    -- budget as the latest document declares it (a document changes the budget only when this changes)
    declared_total       NUMERIC(18,2) NOT NULL,
    declared_fiscal      NUMERIC(18,2) NOT NULL,
    declared_other       NUMERIC(18,2) NOT NULL,
    content_sha256       CHAR(64)      NOT NULL,
    in_latest_document   BOOLEAN       NOT NULL,
    source_document_id   UUID          NOT NULL REFERENCES goal_document (id),
    last_document_id     UUID          NOT NULL REFERENCES goal_document (id),
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    CHECK (budget_total = budget_fiscal + budget_other),
    CHECK (original_total = original_fiscal + original_other),
    CHECK (declared_total = declared_fiscal + declared_other)
);
CREATE INDEX project_agency_year ON project (agency_code, fiscal_year);

-- Every version of every project, as the full snapshot that was published
CREATE TABLE project_version (
    project_code   TEXT        NOT NULL REFERENCES project (code),
    version        INT         NOT NULL,
    cause          TEXT        NOT NULL CHECK (cause IN ('document', 'adjustment')),
    document_id    UUID        REFERENCES goal_document (id),
    adjustment_seq INT,
    event_id       TEXT        NOT NULL UNIQUE,
    snapshot       JSON        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_code, version)
);

-- 资金支出计划 of the current version
CREATE TABLE plan_point (
    project_code       TEXT    NOT NULL REFERENCES project (code),
    seq                INT     NOT NULL,
    checkpoint         DATE    NOT NULL,
    cumulative_percent NUMERIC NOT NULL CHECK (cumulative_percent BETWEEN 0 AND 100),
    PRIMARY KEY (project_code, seq)
);

-- 绩效目标 lines of the current version (kept as written, duplicates included)
CREATE TABLE goal_line (
    project_code TEXT NOT NULL REFERENCES project (code),
    seq          INT  NOT NULL,
    text         TEXT NOT NULL,
    PRIMARY KEY (project_code, seq)
);

-- 绩效指标 of the current version: the target as written (byte-exact) and its parsed form
CREATE TABLE indicator (
    project_code TEXT    NOT NULL REFERENCES project (code),
    seq          INT     NOT NULL,
    level1       TEXT,
    level2       TEXT,
    level3       TEXT,
    description  TEXT,
    target_raw   TEXT    NOT NULL,
    target_kind  TEXT,
    operator     TEXT,
    value        NUMERIC,
    upper        NUMERIC,
    unit         TEXT,
    base_value   NUMERIC,
    base_upper   NUMERIC,
    base_unit    TEXT,
    deadline     DATE,
    direction    TEXT,
    basis        TEXT,
    PRIMARY KEY (project_code, seq)
);

-- 预算调整: append-only history; source 'document' when a new document version changed the budget
CREATE TABLE budget_adjustment (
    project_code     TEXT          NOT NULL REFERENCES project (code),
    seq              INT           NOT NULL CHECK (seq >= 1),
    previous_total   NUMERIC(18,2) NOT NULL,
    previous_fiscal  NUMERIC(18,2) NOT NULL,
    previous_other   NUMERIC(18,2) NOT NULL,
    total            NUMERIC(18,2) NOT NULL CHECK (total >= 0),
    fiscal           NUMERIC(18,2) NOT NULL CHECK (fiscal >= 0),
    other            NUMERIC(18,2) NOT NULL CHECK (other >= 0),
    reason           TEXT          NOT NULL,
    effective_on     DATE          NOT NULL,
    adjusted_by      TEXT          NOT NULL,
    recorded_at      TIMESTAMPTZ   NOT NULL,
    source           TEXT          NOT NULL CHECK (source IN ('manual', 'document')),
    document_id      UUID          REFERENCES goal_document (id),
    document_version INT,
    project_version  INT           NOT NULL,
    idempotency_key  TEXT,
    request_sha256   CHAR(64),
    PRIMARY KEY (project_code, seq),
    UNIQUE (project_code, idempotency_key),
    CHECK (total = fiscal + other),
    CHECK ((source = 'document') = (document_id IS NOT NULL))
);

-- Records that are history must not be edited or deleted (TRUNCATE stays possible for tests).
CREATE FUNCTION goals_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER goal_document_append_only BEFORE UPDATE OR DELETE ON goal_document
    FOR EACH ROW EXECUTE FUNCTION goals_forbid_change();
CREATE TRIGGER project_version_append_only BEFORE UPDATE OR DELETE ON project_version
    FOR EACH ROW EXECUTE FUNCTION goals_forbid_change();
CREATE TRIGGER budget_adjustment_append_only BEFORE UPDATE OR DELETE ON budget_adjustment
    FOR EACH ROW EXECUTE FUNCTION goals_forbid_change();
