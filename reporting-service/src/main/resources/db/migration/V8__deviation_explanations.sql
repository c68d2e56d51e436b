-- Deviation explanations (偏差原因分析) of the monitoring form (项目支出绩效目标执行监控表), recorded by planners.
-- Append-only history (trigger below): a later explanation of the same project, indicator and monitoring date
-- supersedes an earlier one for display; none is ever changed or deleted. The id is chosen by the client, so a
-- retried POST finds its row. indicator_seq NULL: about the project's funds (全年预计执行数, expected_amount);
-- else about that indicator (全年预计完成值 as written, expected_text, with expected_value when numeric).
CREATE TABLE deviation_explanation (
    explanation_id       TEXT PRIMARY KEY,
    seq                  BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    project_code         TEXT          NOT NULL,
    agency_code          TEXT          NOT NULL,
    fiscal_year          INT           NOT NULL,
    monitoring_date      DATE          NOT NULL,
    indicator_seq        INT,
    cause_funding        TEXT,
    cause_institutional  TEXT,
    cause_staffing       TEXT,
    cause_hardware       TEXT,
    cause_other          TEXT,
    likelihood           TEXT          NOT NULL CHECK (likelihood IN ('CERTAIN', 'POSSIBLE', 'IMPOSSIBLE')),
    expected_amount      NUMERIC(18,2) CHECK (expected_amount >= 0),
    expected_text        TEXT,
    expected_value       NUMERIC(24,6),
    corrective_measures  TEXT          NOT NULL,
    alert_id             TEXT,
    recorded_by          TEXT          NOT NULL,
    recorded_by_subject  TEXT          NOT NULL,
    recorded_at          TIMESTAMPTZ   NOT NULL,
    CHECK (cause_funding IS NOT NULL OR cause_institutional IS NOT NULL OR cause_staffing IS NOT NULL
           OR cause_hardware IS NOT NULL OR cause_other IS NOT NULL),
    CHECK ((indicator_seq IS NULL AND expected_amount IS NOT NULL AND expected_text IS NULL
                AND expected_value IS NULL)
           OR (indicator_seq IS NOT NULL AND expected_amount IS NULL AND expected_text IS NOT NULL))
);
CREATE INDEX deviation_explanation_project ON deviation_explanation (project_code, recorded_at DESC, seq DESC);

CREATE FUNCTION deviation_explanation_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'deviation_explanation is append-only';
END;
$$;
CREATE TRIGGER deviation_explanation_append_only BEFORE UPDATE OR DELETE ON deviation_explanation
    FOR EACH ROW EXECUTE FUNCTION deviation_explanation_forbid_change();
