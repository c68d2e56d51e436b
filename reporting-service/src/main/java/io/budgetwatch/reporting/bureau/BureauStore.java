package io.budgetwatch.reporting.bureau;

import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The bureau's reads over every agency of a year (2 000 agencies, 50 000 projects): one compact row per project
 * with its executed amount at the date, from cumulative_execution (one row per project: up to the end of the month
 * before the date's), the monthly totals of months after the fiscal year and the daily totals of the date's month.
 * {@code agencies} null means every agency; otherwise only those (never empty: the service answers that itself), read
 * through the agency indexes (the few agencies changed since the service's last answer).
 */
@ApplicationScoped
public class BureauStore {

    @Inject
    Pool pool;

    /** A project's budget, executed amount at the date and plan (by content key, see {@link PlanCache}). */
    public record ProjectFigures(String agencyCode, BigDecimal budget, BigDecimal executed, UUID planKey) {
    }

    /** The newest fiscal year with projects of these agencies; null when none has any. */
    public Uni<Integer> newestYear(Set<String> agencies) {
        return (agencies == null
                ? pool.preparedQuery("SELECT max(fiscal_year) AS y FROM project").execute()
                : pool.preparedQuery("SELECT max(fiscal_year) AS y FROM project WHERE agency_code = ANY($1)")
                .execute(Tuple.of(agencies.toArray(new String[0]))))
                .map(rows -> rows.iterator().next().getInteger("y"));
    }

    /**
     * {@code fromMonthEnd}: the amount at the date is the running total up to the end of the date's month minus the
     * days after the date (cheap when nothing is paid after it yet, as for today); otherwise the running total up to
     * the end of the month before plus the days of the date's month up to it. Either gives the same amount.
     */
    public Uni<List<ProjectFigures>> projects(int fiscalYear, LocalDate asOf, boolean fromMonthEnd,
                                              Set<String> agencies) {
        LocalDate december = LocalDate.of(fiscalYear, 12, 1);
        LocalDate daysFrom = ProjectFactsRepository.wholeMonthsBefore(asOf); // asOf's month, or the next at its end
        LocalDate noDay = asOf.plusDays(1); // an empty day range starts here and ends at asOf
        LocalDate cumulativeMonth;
        LocalDate monthsBefore;
        LocalDate addFrom = noDay;
        LocalDate subtractFrom = noDay;
        LocalDate subtractTo = asOf;
        if (fromMonthEnd && daysFrom.getMonth() == asOf.getMonth() && daysFrom.getYear() == asOf.getYear()) {
            cumulativeMonth = daysFrom.isAfter(december) ? december : daysFrom;
            monthsBefore = daysFrom.plusMonths(1);
            subtractTo = asOf.withDayOfMonth(asOf.lengthOfMonth());
        } else {
            LocalDate lastWholeMonth = daysFrom.minusMonths(1);
            cumulativeMonth = lastWholeMonth.isAfter(december) ? december : lastWholeMonth;
            monthsBefore = daysFrom;
            addFrom = daysFrom;
        }
        // a few agencies (the ones changed since the last answer): their rows only, by the agency indexes
        String ofAgencies = agencies == null ? "" : " AND agency_code = ANY($8)";
        String sql = """
                WITH executed AS (
                    SELECT project_code, sum(amount) AS amount FROM (
                        SELECT project_code, amount FROM cumulative_execution WHERE fiscal_year = $1 AND month = $2%s
                        UNION ALL
                        SELECT project_code, amount FROM monthly_execution
                        WHERE fiscal_year = $1 AND month > $2 AND month < $3%s
                        UNION ALL
                        SELECT project_code, amount FROM daily_execution
                        WHERE fiscal_year = $1 AND paid_on >= $4 AND paid_on <= $5%s
                        UNION ALL
                        SELECT project_code, -amount FROM daily_execution
                        WHERE fiscal_year = $1 AND paid_on >= $6 AND paid_on <= $7%s) t
                    GROUP BY project_code)
                SELECT p.agency_code, p.budget_total, e.amount, p.plan_key
                FROM project p LEFT JOIN executed e ON e.project_code = p.code
                WHERE p.fiscal_year = $1%s""".formatted(agencies == null ? ""
                        : " AND project_code IN (SELECT code FROM project WHERE fiscal_year = $1 AND agency_code = ANY($8))",
                ofAgencies, ofAgencies, ofAgencies, agencies == null ? "" : " AND p.agency_code = ANY($8)");
        Tuple params = Tuple.from(Arrays.asList(fiscalYear, cumulativeMonth, monthsBefore, addFrom, asOf,
                subtractFrom, subtractTo));
        if (agencies != null) {
            params.addArrayOfString(agencies.toArray(new String[0]));
        }
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<ProjectFigures> list = new ArrayList<>(rows.size());
            for (Row row : rows) {
                BigDecimal executed = row.getBigDecimal(2);
                list.add(new ProjectFigures(row.getString(0), row.getBigDecimal(1),
                        executed == null ? BigDecimal.ZERO : executed, row.getUUID(3)));
            }
            return list;
        });
    }

    /** The plans (project.plan) of these content keys. */
    public Uni<Map<UUID, JsonArray>> plans(int fiscalYear, List<UUID> keys) {
        return pool.preparedQuery("""
                        SELECT DISTINCT ON (plan_key) plan_key, plan FROM project
                        WHERE fiscal_year = $1 AND plan_key = ANY($2)""")
                .execute(Tuple.of(fiscalYear, keys.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, JsonArray> plans = new HashMap<>();
                    rows.forEach(row -> plans.put(row.getUUID("plan_key"), (JsonArray) row.getValue("plan")));
                    return plans;
                });
    }

    /** The agencies with projects in the year. */
    public Uni<Set<String>> agencies(int fiscalYear) {
        return pool.preparedQuery("SELECT DISTINCT agency_code FROM project WHERE fiscal_year = $1")
                .execute(Tuple.of(fiscalYear))
                .map(rows -> {
                    Set<String> codes = new HashSet<>();
                    rows.forEach(row -> codes.add(row.getString(0)));
                    return codes;
                });
    }

    /** Agency names as their projects of the year carry them. */
    public Uni<Map<String, String>> agencyNames(int fiscalYear, Set<String> agencies) {
        return byAgency("""
                SELECT agency_code, max(nullif(agency_name, '')) AS v FROM project WHERE fiscal_year = $1%s
                GROUP BY agency_code""", fiscalYear, agencies, row -> row.getString("v"));
    }

    /** Unacknowledged alerts per agency of the year. */
    public Uni<Map<String, Long>> openAlerts(int fiscalYear, Set<String> agencies) {
        return byAgency("""
                SELECT agency_code, count(*) AS v FROM alert WHERE fiscal_year = $1 AND acknowledged_at IS NULL%s
                GROUP BY agency_code""", fiscalYear, agencies, row -> row.getLong("v"));
    }

    private <T> Uni<Map<String, T>> byAgency(String sql, int fiscalYear, Set<String> agencies,
                                             Function<Row, T> value) {
        Tuple params = Tuple.of(fiscalYear);
        if (agencies != null) {
            params.addArrayOfString(agencies.toArray(new String[0]));
        }
        return pool.preparedQuery(sql.formatted(agencies == null ? "" : " AND agency_code = ANY($2)"))
                .execute(params)
                .map(rows -> {
                    Map<String, T> map = new HashMap<>();
                    rows.forEach(row -> map.put(row.getString("agency_code"), value.apply(row)));
                    return map;
                });
    }
}
