package io.budgetwatch.reporting.overview;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.evaluation.TargetEvaluator;
import io.budgetwatch.reporting.live.ChangeVersions;
import io.budgetwatch.reporting.live.ReadCache;
import io.budgetwatch.reporting.live.ReadCacheSettings;
import io.budgetwatch.reporting.overview.OverviewView.Checkpoint;
import io.budgetwatch.reporting.overview.OverviewView.CurvePoint;
import io.budgetwatch.reporting.overview.OverviewView.Overview;
import io.budgetwatch.reporting.overview.OverviewView.ProjectLine;
import io.budgetwatch.reporting.progress.ProgressCalculator;
import io.budgetwatch.reporting.progress.ProgressService;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One agency's year at a date: the figures of GET /api/progress (the same computation, so the same numbers), plus
 * open alerts, indicator verdicts, the planned vs actual curve of all its projects and the projects ranked by how
 * far behind their plans they are.
 */
@ApplicationScoped
public class OverviewService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    ProgressService progress;

    @Inject
    ProjectFactsRepository facts;

    @Inject
    OverviewStore store;

    @Inject
    ChangeVersions versions;

    @Inject
    ReadCacheSettings cacheSettings;

    private record Key(String agencyCode, int fiscalYear, LocalDate asOf, Lang lang) {
    }

    private ReadCache<Key, Overview> cache;

    @PostConstruct
    void cache() {
        cache = new ReadCache<>(versions, cacheSettings.capacity());
    }

    /**
     * Parameters as given over HTTP, with the rules (and refusals) of GET /api/progress. An answer is kept until
     * something of the agency's year changes ({@link ChangeVersions}).
     */
    public Uni<Overview> overview(Caller caller, String agency, String year, String asOf, Lang lang) {
        ProgressService.AgencyYear scope = progress.agencyYear(caller, agency, year, asOf);
        String code = scope.agencyCode();
        int fy = scope.fiscalYear();
        LocalDate date = scope.asOf();
        Key key = new Key(code, fy, date, lang);
        Overview kept = cache.get(key);
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        ChangeVersions.Stamp stamp = versions.agency(code, fy); // before reading
        Uni<AgencyProgress> figures = progress.agency(code, fy, date, lang);
        // all in parallel: the name, and the indicators of the agency's projects at the date
        Uni<OverviewStore.AgencyProjects> projects = store.projects(code, fy).memoize().indefinitely();
        Uni<List<ProjectFacts>> projectFacts = projects.flatMap(p -> p.codes().isEmpty()
                ? Uni.createFrom().item(List.of()) : facts.load(p.codes(), date));
        return Uni.combine().all().unis(figures, projects, store.openAlerts(code, fy),
                        store.executedByMonth(code, fy, date), projectFacts)
                .asTuple()
                .map(t -> assemble(t.getItem1(), t.getItem2().agencyName(), t.getItem3(), t.getItem4(),
                        t.getItem5()))
                .invoke(overview -> cache.put(key, stamp, overview));
    }

    private static Overview assemble(AgencyProgress a, String agencyName, Map<String, Long> openAlerts,
                                     Map<YearMonth, BigDecimal> executedByMonth, List<ProjectFacts> projectFacts) {
        // Budgets as the progress figures have them; plans and indicators from the same projects' snapshots.
        Map<String, BigDecimal> budgets = new HashMap<>();
        a.projects().forEach(p -> budgets.put(p.projectCode(), p.budget().total()));
        List<Map.Entry<DisbursementPlan, BigDecimal>> plans = new ArrayList<>(projectFacts.size());
        for (ProjectFacts f : projectFacts) {
            plans.add(Map.entry(f.plan(), budgets.getOrDefault(f.code(), f.budget())));
        }
        BigDecimal budget = a.budget().total();

        Map<TargetEvaluator.Verdict, Integer> verdicts = new EnumMap<>(TargetEvaluator.Verdict.class);
        for (TargetEvaluator.Verdict v : TargetEvaluator.Verdict.values()) {
            verdicts.put(v, 0);
        }
        for (ProjectFacts f : projectFacts) {
            for (ProjectSnapshot.Indicator indicator : f.indicators()) {
                verdicts.merge(TargetEvaluator.evaluate(indicator.target(), f.actualFor(indicator, a.asOf())).verdict(),
                        1, Integer::sum);
            }
        }

        List<CurvePoint> curve = new ArrayList<>(12);
        BigDecimal cumulative = BigDecimal.ZERO;
        YearMonth january = YearMonth.of(a.fiscalYear(), 1);
        for (Map.Entry<YearMonth, BigDecimal> e : executedByMonth.entrySet()) {
            if (e.getKey().isBefore(january)) { // paid before the year began: already executed at every month end
                cumulative = cumulative.add(e.getValue());
            }
        }
        for (int month = 1; month <= 12; month++) {
            YearMonth ym = YearMonth.of(a.fiscalYear(), month);
            LocalDate monthEnd = ym.atEndOfMonth();
            BigDecimal plannedAmount = BigDecimal.ZERO;
            BigDecimal weighted = BigDecimal.ZERO;
            for (Map.Entry<DisbursementPlan, BigDecimal> p : plans) {
                BigDecimal percent = p.getKey().plannedPercentAt(monthEnd);
                // as each project's own monthly series rounds it
                plannedAmount = plannedAmount.add(p.getValue().multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP));
                weighted = weighted.add(p.getValue().multiply(percent));
            }
            cumulative = cumulative.add(executedByMonth.getOrDefault(ym, BigDecimal.ZERO));
            boolean known = !ym.atDay(1).isAfter(a.asOf());
            curve.add(new CurvePoint(monthEnd, ProgressCalculator.weightedPlannedRate(weighted, budget),
                    plannedAmount.setScale(2, RoundingMode.HALF_UP),
                    known ? ProgressCalculator.rate(cumulative, budget) : null,
                    known ? cumulative.setScale(2, RoundingMode.HALF_UP) : null));
        }

        SortedSet<LocalDate> dates = new TreeSet<>();
        plans.forEach(p -> p.getKey().checkpoints().forEach(c -> dates.add(c.date())));
        List<Checkpoint> checkpoints = new ArrayList<>(dates.size());
        for (LocalDate date : dates) {
            BigDecimal weighted = BigDecimal.ZERO;
            for (Map.Entry<DisbursementPlan, BigDecimal> p : plans) {
                weighted = weighted.add(p.getValue().multiply(p.getKey().plannedPercentAt(date)));
            }
            checkpoints.add(new Checkpoint(date, ProgressCalculator.weightedPlannedRate(weighted, budget)));
        }

        List<ProjectLine> projects = a.projects().stream()
                .sorted(Comparator.comparing(ProjectProgress::gapToPlanPoints)
                        .thenComparing(ProjectProgress::projectCode))
                .map(p -> new ProjectLine(p.projectCode(), p.name(), p.budget().total(), p.executed().total(),
                        p.executionRate(), p.plannedRate(), p.timeElapsedRate(), p.gapToPlanPoints(),
                        p.gapToTimeElapsedPoints(), p.status(), p.statusText()))
                .toList();

        return new Overview(a.agencyCode(), agencyName, a.fiscalYear(), a.asOf(), a.projectCount(), a.budget(),
                a.executed(), a.executionRate(), a.plannedRate(), a.timeElapsedRate(), a.gapToPlanPoints(),
                a.executionRate().subtract(a.timeElapsedRate()), a.statusCounts(), openAlerts, verdicts, curve,
                checkpoints, projects);
    }
}
