-- The bureau view (GET /api/bureau) answers for every agency at once (2 000 agencies, 50 000 projects): it needs each
-- project's executed amount at a date without summing a year of monthly rows per project.

-- Executed amount per project paid up to the END of each month (both fund sources), from the first month with a
-- payment to December of the project's fiscal year. The amount at a date is then one row per project (the month
-- before the date's), the monthly totals of months after December, and the daily totals of the date's own month.
-- Kept by the triggers below in the statement (so the transaction) that writes monthly_execution: the ledger
-- consumer, the rebuild and a bulk load keep it without knowing it.
CREATE TABLE cumulative_execution (
    fiscal_year  INT           NOT NULL,
    month        DATE          NOT NULL, -- first day of the month; the amount is up to its last day
    project_code TEXT          NOT NULL,
    amount       NUMERIC(18,2) NOT NULL,
    PRIMARY KEY (fiscal_year, month, project_code)
) WITH (fillfactor = 80);

-- A change of (project, month) by delta adds delta to that month and every later one up to December.
CREATE FUNCTION cumulative_execution_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO cumulative_execution AS c (fiscal_year, month, project_code, amount)
        SELECT d.fiscal_year, m::date, d.project_code, sum(d.amount)
        FROM new_rows d
        CROSS JOIN LATERAL generate_series(d.month, make_date(d.fiscal_year, 12, 1), interval '1 month') AS m
        GROUP BY 1, 2, 3 ORDER BY 3, 2
        ON CONFLICT (fiscal_year, month, project_code) DO UPDATE SET amount = c.amount + excluded.amount;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO cumulative_execution AS c (fiscal_year, month, project_code, amount)
        SELECT d.fiscal_year, m::date, d.project_code, sum(d.delta)
        FROM (SELECT n.fiscal_year, n.month, n.project_code, n.amount - o.amount AS delta
              FROM new_rows n JOIN old_rows o USING (project_code, month, fund_source)) d
        CROSS JOIN LATERAL generate_series(d.month, make_date(d.fiscal_year, 12, 1), interval '1 month') AS m
        GROUP BY 1, 2, 3 ORDER BY 3, 2
        ON CONFLICT (fiscal_year, month, project_code) DO UPDATE SET amount = c.amount + excluded.amount;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO cumulative_execution AS c (fiscal_year, month, project_code, amount)
        SELECT d.fiscal_year, m::date, d.project_code, -sum(d.amount)
        FROM old_rows d
        CROSS JOIN LATERAL generate_series(d.month, make_date(d.fiscal_year, 12, 1), interval '1 month') AS m
        GROUP BY 1, 2, 3 ORDER BY 3, 2
        ON CONFLICT (fiscal_year, month, project_code) DO UPDATE SET amount = c.amount + excluded.amount;
    ELSE -- TRUNCATE (the read model rebuild)
        TRUNCATE cumulative_execution;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER monthly_execution_cumulative_insert AFTER INSERT ON monthly_execution
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cumulative_execution_apply();
CREATE TRIGGER monthly_execution_cumulative_update AFTER UPDATE ON monthly_execution
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cumulative_execution_apply();
CREATE TRIGGER monthly_execution_cumulative_delete AFTER DELETE ON monthly_execution
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cumulative_execution_apply();
CREATE TRIGGER monthly_execution_cumulative_truncate AFTER TRUNCATE ON monthly_execution
    FOR EACH STATEMENT EXECUTE FUNCTION cumulative_execution_apply();

INSERT INTO cumulative_execution (fiscal_year, month, project_code, amount)
SELECT d.fiscal_year, m::date, d.project_code, sum(d.amount)
FROM monthly_execution d
CROSS JOIN LATERAL generate_series(d.month, make_date(d.fiscal_year, 12, 1), interval '1 month') AS m
GROUP BY 1, 2, 3;

-- Months after December and the days of the date's month, for every agency of a year at once.
CREATE INDEX monthly_execution_year ON monthly_execution (fiscal_year, month);
CREATE INDEX daily_execution_year ON daily_execution (fiscal_year, paid_on);

-- The projects of a year read from the index alone (no snapshot text), the plan as a content key: plans are parsed
-- once per distinct content and kept (bureau/PlanCache).
ALTER TABLE project ADD COLUMN plan_key UUID GENERATED ALWAYS AS (md5(plan::text)::uuid) STORED;
CREATE INDEX project_year_cover ON project (fiscal_year, agency_code) INCLUDE (code, budget_total, plan_key, agency_name);

-- Unacknowledged alerts counted per agency and severity.
CREATE INDEX alert_open ON alert (fiscal_year, agency_code, severity) WHERE acknowledged_at IS NULL;
