package io.budgetwatch.reporting.progress;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.Money;
import io.budgetwatch.reporting.progress.ProgressView.MonthPoint;
import io.budgetwatch.reporting.progress.ProgressView.PlanCheckpoint;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plan vs actual for one project or a whole agency, at any date, from the read model. */
@ApplicationScoped
public class ProgressService {

    private static final String PROJECT_COLUMNS =
            "code, version, fiscal_year, agency_code, name, budget_total, budget_fiscal, budget_other, plan";

    @Inject
    Pool pool;

    @Inject
    ProgressCalculator calculator;

    @Inject
    java.time.Clock clock;

    /** A project as the read model knows it. */
    record ProjectRow(String code, int version, int fiscalYear, String agencyCode, String name, Money budget,
                      DisbursementPlan plan) {
        static ProjectRow of(Row row) {
            int year = row.getInteger("fiscal_year");
            return new ProjectRow(row.getString("code"), row.getInteger("version"), year,
                    row.getString("agency_code"), row.getString("name"),
                    new Money(row.getBigDecimal("budget_total"), row.getBigDecimal("budget_fiscal"),
                            row.getBigDecimal("budget_other")),
                    parsePlan(year, (JsonArray) row.getValue("plan")));
        }
    }

    /** The plan column of the read model's project table ({@code [{checkpoint, cumulativePercent}]}). */
    public static DisbursementPlan parsePlan(int fiscalYear, JsonArray plan) {
        List<DisbursementPlan.Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            JsonObject point = plan.getJsonObject(i);
            checkpoints.add(new DisbursementPlan.Checkpoint(LocalDate.parse(point.getString("checkpoint")),
                    new BigDecimal(point.getString("cumulativePercent"))));
        }
        return new DisbursementPlan(fiscalYear, checkpoints);
    }

    /** {@code requestedAsOf} null means today, or the year end when the project's year is over. */
    public Uni<ProjectProgress> project(String code, LocalDate requestedAsOf, Lang lang) {
        return pool.preparedQuery("SELECT " + PROJECT_COLUMNS + " FROM project WHERE code = $1")
                .execute(Tuple.of(code))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("unknown-project", "code",
                                "未知项目：" + code, "Unknown project: " + code));
                    }
                    ProjectRow project = ProjectRow.of(rows.iterator().next());
                    LocalDate today = LocalDate.now(clock);
                    LocalDate yearEnd = LocalDate.of(project.fiscalYear(), 12, 31);
                    LocalDate asOf = requestedAsOf != null ? requestedAsOf
                            : today.isAfter(yearEnd) ? yearEnd : today;
                    return pool.preparedQuery("""
                                    SELECT date_trunc('month', paid_on)::date AS month, fund_source, sum(amount) AS amount
                                    FROM daily_execution WHERE project_code = $1 AND paid_on <= $2
                                    GROUP BY 1, 2""")
                            .execute(Tuple.of(code, asOf))
                            .map(monthly -> {
                                Map<YearMonth, BigDecimal> byMonth = new HashMap<>();
                                BigDecimal fiscal = BigDecimal.ZERO;
                                BigDecimal other = BigDecimal.ZERO;
                                for (Row row : monthly) {
                                    BigDecimal amount = row.getBigDecimal("amount");
                                    byMonth.merge(YearMonth.from(row.getLocalDate("month")), amount, BigDecimal::add);
                                    if ("FISCAL".equals(row.getString("fund_source"))) {
                                        fiscal = fiscal.add(amount);
                                    } else {
                                        other = other.add(amount);
                                    }
                                }
                                Money executed = money(fiscal, other);
                                ProjectProgress summary = progress(project, executed, asOf, lang);
                                return withDetail(summary, project, byMonth, asOf);
                            });
                });
    }

    /**
     * One agency's figures as asked over HTTP (the parameters as given, each may be null). {@code agency} may be
     * omitted by a caller whose token names exactly one agency (that one is meant); a caller of several agencies,
     * or of all, must name it (400 {@code missing-parameter}). An agency outside the caller's scope is 403
     * {@code agency-forbidden}. No year: the date's; a past year without a date: its year end; no date: today.
     */
    public Uni<AgencyProgress> agency(Caller caller, String agency, String year, String asOf, Lang lang) {
        AgencyYear scope = agencyYear(caller, agency, year, asOf);
        return agency(scope.agencyCode(), scope.fiscalYear(), scope.asOf(), lang);
    }

    /** Which agency, year and date a per-agency question is about. */
    public record AgencyYear(String agencyCode, int fiscalYear, LocalDate asOf) {
    }

    /** The parameters of {@link #agency(Caller, String, String, String, Lang)} resolved (and refused) the same way. */
    public AgencyYear agencyYear(Caller caller, String agency, String year, String asOf) {
        String agencyCode = caller.agencyFor(Params.agency(agency, "agency"));
        if (agencyCode == null) {
            Params.requiredAgency(agency, "agency");
        }
        Integer fiscalYear = Params.year(year, "year");
        LocalDate requested = Params.date(asOf, "asOf");
        LocalDate date = requested != null ? requested : LocalDate.now(clock);
        if (fiscalYear == null) {
            fiscalYear = date.getYear();
        } else if (requested == null && date.getYear() > fiscalYear) {
            // A past year asked without a date: its year-end position, not today's.
            date = LocalDate.of(fiscalYear, 12, 31);
        }
        return new AgencyYear(agencyCode, fiscalYear, date);
    }

    public Uni<AgencyProgress> agency(String agencyCode, int fiscalYear, LocalDate asOf, Lang lang) {
        Uni<List<ProjectRow>> projects = pool.preparedQuery("SELECT " + PROJECT_COLUMNS
                        + " FROM project WHERE agency_code = $1 AND fiscal_year = $2 ORDER BY code")
                .execute(Tuple.of(agencyCode, fiscalYear))
                .map(rows -> {
                    List<ProjectRow> list = new ArrayList<>(rows.size());
                    rows.forEach(row -> list.add(ProjectRow.of(row)));
                    return list;
                });
        // Whole months from the monthly totals, the days of the last month from the daily ones.
        Uni<Map<String, BigDecimal[]>> executed = pool.preparedQuery("""
                        SELECT project_code, fund_source, sum(amount) AS amount FROM (
                            SELECT project_code, fund_source, amount FROM monthly_execution
                            WHERE agency_code = $1 AND fiscal_year = $2 AND month < $3
                            UNION ALL
                            SELECT project_code, fund_source, amount FROM daily_execution
                            WHERE agency_code = $1 AND fiscal_year = $2 AND paid_on >= $3 AND paid_on <= $4) t
                        GROUP BY 1, 2""")
                .execute(Tuple.of(agencyCode, fiscalYear, ProjectFactsRepository.wholeMonthsBefore(asOf), asOf))
                .map(rows -> {
                    Map<String, BigDecimal[]> byProject = new HashMap<>();
                    for (Row row : rows) {
                        BigDecimal[] split = byProject.computeIfAbsent(row.getString("project_code"),
                                k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        split["FISCAL".equals(row.getString("fund_source")) ? 0 : 1] = row.getBigDecimal("amount");
                    }
                    return byProject;
                });
        return Uni.combine().all().unis(projects, executed).asTuple().map(both -> {
            List<ProjectProgress> list = new ArrayList<>();
            BigDecimal budgetTotal = BigDecimal.ZERO;
            BigDecimal budgetFiscal = BigDecimal.ZERO;
            BigDecimal budgetOther = BigDecimal.ZERO;
            BigDecimal execFiscal = BigDecimal.ZERO;
            BigDecimal execOther = BigDecimal.ZERO;
            BigDecimal plannedAmount = BigDecimal.ZERO;
            Map<ProgressStatus, Integer> counts = new EnumMap<>(ProgressStatus.class);
            for (ProgressStatus status : ProgressStatus.values()) {
                counts.put(status, 0);
            }
            for (ProjectRow project : both.getItem1()) {
                BigDecimal[] split = both.getItem2().getOrDefault(project.code(),
                        new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                ProjectProgress p = progress(project, money(split[0], split[1]), asOf, lang);
                list.add(p);
                counts.merge(p.status(), 1, Integer::sum);
                budgetTotal = budgetTotal.add(project.budget().total());
                budgetFiscal = budgetFiscal.add(project.budget().fiscal());
                budgetOther = budgetOther.add(project.budget().other());
                execFiscal = execFiscal.add(split[0]);
                execOther = execOther.add(split[1]);
                plannedAmount = plannedAmount.add(project.budget().total().multiply(p.plannedRate()));
            }
            Money executedTotal = money(execFiscal, execOther);
            BigDecimal rate = ProgressCalculator.rate(executedTotal.total(), budgetTotal);
            // The agency's planned rate weighs each project's plan by its budget.
            BigDecimal plannedRate = ProgressCalculator.weightedPlannedRate(plannedAmount, budgetTotal);
            return new AgencyProgress(agencyCode, fiscalYear, asOf, list.size(),
                    new Money(budgetTotal, budgetFiscal, budgetOther), executedTotal, rate, plannedRate,
                    DisbursementPlan.timeElapsedPercent(fiscalYear, asOf), rate.subtract(plannedRate), counts, list);
        });
    }

    private ProjectProgress progress(ProjectRow project, Money executed, LocalDate asOf, Lang lang) {
        ProgressCalculator.Figures f = calculator.figures(project.fiscalYear(), project.plan(),
                project.budget().total(), executed.total(), asOf);
        return new ProjectProgress(project.code(), project.name(), project.agencyCode(), project.fiscalYear(),
                project.version(), asOf, project.budget(), executed, f.executionRate(), f.plannedRate(),
                f.timeElapsedRate(), f.gapToPlanPoints(), f.gapToTimeElapsedPoints(), f.status(),
                f.status().label(lang), null, null);
    }

    private static ProjectProgress withDetail(ProjectProgress p, ProjectRow project,
                                              Map<YearMonth, BigDecimal> byMonth, LocalDate asOf) {
        List<PlanCheckpoint> plan = project.plan().checkpoints().stream()
                .map(c -> new PlanCheckpoint(c.date(), c.cumulativePercent())).toList();
        List<MonthPoint> series = new ArrayList<>(12);
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal budget = project.budget().total();
        for (int month = 1; month <= 12; month++) {
            YearMonth ym = YearMonth.of(project.fiscalYear(), month);
            LocalDate monthEnd = ym.atEndOfMonth();
            BigDecimal plannedRate = project.plan().plannedPercentAt(monthEnd);
            BigDecimal plannedAmount = budget.multiply(plannedRate).divide(ProgressCalculator.HUNDRED, 2,
                    RoundingMode.HALF_UP);
            cumulative = cumulative.add(byMonth.getOrDefault(ym, BigDecimal.ZERO));
            boolean known = !ym.atDay(1).isAfter(asOf);
            series.add(new MonthPoint(monthEnd, plannedRate, plannedAmount,
                    known ? ProgressCalculator.rate(cumulative, budget) : null,
                    known ? cumulative.setScale(2, RoundingMode.HALF_UP) : null));
        }
        return new ProjectProgress(p.projectCode(), p.name(), p.agencyCode(), p.fiscalYear(), p.projectVersion(),
                p.asOf(), p.budget(), p.executed(), p.executionRate(), p.plannedRate(), p.timeElapsedRate(),
                p.gapToPlanPoints(), p.gapToTimeElapsedPoints(), p.status(), p.statusText(), plan, series);
    }

    private static Money money(BigDecimal fiscal, BigDecimal other) {
        BigDecimal f = fiscal.setScale(2, RoundingMode.HALF_UP);
        BigDecimal o = other.setScale(2, RoundingMode.HALF_UP);
        return new Money(f.add(o), f, o);
    }
}
