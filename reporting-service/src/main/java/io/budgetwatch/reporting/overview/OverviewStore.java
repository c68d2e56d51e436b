package io.budgetwatch.reporting.overview;

import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The overview's own reads: the agency's name, its open alerts and its executed amounts per month. */
@ApplicationScoped
public class OverviewStore {

    @Inject
    Pool pool;

    /** The agency's name (as its projects of the year carry it; null when none does) and its projects' codes. */
    public record AgencyProjects(String agencyName, List<String> codes) {
    }

    /** Read from an index alone (project_year_cover). */
    public Uni<AgencyProjects> projects(String agencyCode, int fiscalYear) {
        return pool.preparedQuery("SELECT code, agency_name FROM project WHERE fiscal_year = $1 AND agency_code = $2")
                .execute(Tuple.of(fiscalYear, agencyCode))
                .map(rows -> {
                    List<String> codes = new ArrayList<>(rows.size());
                    String name = null;
                    for (Row row : rows) {
                        codes.add(row.getString("code"));
                        String n = row.getString("agency_name");
                        if (n != null && !n.isEmpty() && (name == null || n.compareTo(name) > 0)) {
                            name = n; // the greatest, as max(agency_name) elsewhere
                        }
                    }
                    return new AgencyProjects(name, codes);
                });
    }

    /** Unacknowledged alerts of the agency's projects of the year: WARNING and CRITICAL, zero included. */
    public Uni<Map<String, Long>> openAlerts(String agencyCode, int fiscalYear) {
        return pool.preparedQuery("""
                        SELECT severity, count(*) AS n FROM alert
                        WHERE fiscal_year = $1 AND agency_code = $2 AND acknowledged_at IS NULL
                        GROUP BY severity""")
                .execute(Tuple.of(fiscalYear, agencyCode))
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    counts.put("WARNING", 0L);
                    counts.put("CRITICAL", 0L);
                    for (Row row : rows) {
                        counts.computeIfPresent(row.getString("severity"), (k, v) -> row.getLong("n"));
                    }
                    return counts;
                });
    }

    /**
     * Executed amount per calendar month paid up to {@code asOf} (the month of {@code asOf} up to that day), all
     * projects of the agency and year: whole months from the monthly totals, the last days from the daily ones.
     */
    public Uni<Map<YearMonth, BigDecimal>> executedByMonth(String agencyCode, int fiscalYear, LocalDate asOf) {
        return pool.preparedQuery("""
                        SELECT month, sum(amount) AS amount FROM (
                            SELECT month, amount FROM monthly_execution
                            WHERE agency_code = $1 AND fiscal_year = $2 AND month < $3
                            UNION ALL
                            SELECT date_trunc('month', paid_on)::date, amount FROM daily_execution
                            WHERE agency_code = $1 AND fiscal_year = $2 AND paid_on >= $3 AND paid_on <= $4) t
                        GROUP BY month""")
                .execute(Tuple.of(agencyCode, fiscalYear, ProjectFactsRepository.wholeMonthsBefore(asOf), asOf))
                .map(rows -> {
                    Map<YearMonth, BigDecimal> byMonth = new HashMap<>();
                    for (Row row : rows) {
                        byMonth.put(YearMonth.from(row.getLocalDate("month")), row.getBigDecimal("amount"));
                    }
                    return byMonth;
                });
    }
}
