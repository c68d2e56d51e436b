-- Executed amount per project, calendar month and fund source: daily_execution rolled up by month and kept by the
-- same statement of the ledger consumer. A question "as of a date" reads the whole months before it here and only
-- the days of its own month from daily_execution (an agency of 500 projects: thousands of rows, not ~100 000).
CREATE TABLE monthly_execution (
    project_code TEXT          NOT NULL,
    month        DATE          NOT NULL, -- first day of the month
    fund_source  TEXT          NOT NULL,
    agency_code  TEXT          NOT NULL,
    fiscal_year  INT           NOT NULL,
    amount       NUMERIC(18,2) NOT NULL,
    entries      INT           NOT NULL,
    PRIMARY KEY (project_code, month, fund_source)
);
CREATE INDEX monthly_execution_agency ON monthly_execution (agency_code, fiscal_year, month);

INSERT INTO monthly_execution (project_code, month, fund_source, agency_code, fiscal_year, amount, entries)
SELECT project_code, date_trunc('month', paid_on)::date, fund_source, min(agency_code), min(fiscal_year),
       sum(amount), sum(entries)
FROM daily_execution
GROUP BY project_code, date_trunc('month', paid_on)::date, fund_source;
