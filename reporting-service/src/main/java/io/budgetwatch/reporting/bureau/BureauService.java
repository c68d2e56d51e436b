package io.budgetwatch.reporting.bureau;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.reporting.bureau.BureauStore.ProjectFigures;
import io.budgetwatch.reporting.bureau.BureauView.AgencyLine;
import io.budgetwatch.reporting.bureau.BureauView.Bureau;
import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import io.budgetwatch.reporting.progress.ProgressCalculator;
import io.budgetwatch.reporting.progress.ProgressService;
import io.budgetwatch.reporting.progress.ProgressStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every agency of the caller's scope side by side for a year at a date. Per project the status of
 * {@link ProgressCalculator} (from compact rows: agency, budget, executed at the date, plan key); per agency the sums,
 * rates and how many projects are green (on track), yellow (lagging) and red (seriously lagging or overspent).
 */
@ApplicationScoped
public class BureauService {

    @Inject
    BureauStore store;

    @Inject
    PlanCache plans;

    @Inject
    ProgressCalculator calculator;

    @Inject
    Clock clock;

    /**
     * {@code agencies}: the caller's scope (null = all). No year: the newest with projects in the scope (else the
     * date's); no date: today, or the year end of a past year (as GET /api/progress).
     */
    public Uni<Bureau> bureau(Set<String> agencies, String year, String asOf) {
        Integer requestedYear = Params.year(year, "year");
        LocalDate requestedDate = Params.date(asOf, "asOf");
        LocalDate today = LocalDate.now(clock);
        Uni<Integer> fiscalYear = requestedYear != null ? Uni.createFrom().item(requestedYear)
                : agencies != null && agencies.isEmpty() ? Uni.createFrom().item((Integer) null)
                : store.newestYear(agencies);
        return fiscalYear.flatMap(found -> {
            LocalDate date = requestedDate != null ? requestedDate : today;
            int fy = found != null ? found : date.getYear();
            if (requestedDate == null && date.getYear() > fy) {
                date = LocalDate.of(fy, 12, 31);
            }
            BigDecimal timeElapsed = DisbursementPlan.timeElapsedPercent(fy, date);
            if (agencies != null && agencies.isEmpty()) {
                return Uni.createFrom().item(new Bureau(fy, date, timeElapsed, List.of()));
            }
            LocalDate at = date;
            // Fewer daily rows: from the month's end back when nothing is paid after the date yet (today or later) or
            // it is in the second half of its month; else from the month's start forward.
            boolean fromMonthEnd = !at.isBefore(today) || at.getDayOfMonth() > at.lengthOfMonth() / 2;
            return Uni.combine().all().unis(store.projects(fy, at, fromMonthEnd, agencies)
                                    .flatMap(list -> withPlans(fy, list)),
                            store.agencyNames(fy, agencies), store.openAlerts(fy, agencies)).asTuple()
                    .map(t -> new Bureau(fy, at, timeElapsed,
                            lines(fy, at, timeElapsed, t.getItem1(), t.getItem2(), t.getItem3())));
        });
    }

    /** Parses and keeps the plans not seen yet. */
    private Uni<List<ProjectFigures>> withPlans(int fiscalYear, List<ProjectFigures> projects) {
        Set<UUID> missing = new LinkedHashSet<>();
        for (ProjectFigures p : projects) {
            if (plans.get(fiscalYear, p.planKey()) == null) {
                missing.add(p.planKey());
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(projects);
        }
        return store.plans(fiscalYear, new ArrayList<>(missing)).map(found -> {
            found.forEach((key, json) -> plans.put(fiscalYear, key, ProgressService.parsePlan(fiscalYear, json)));
            return projects;
        });
    }

    private static final class Sums {
        int projects;
        BigDecimal budget = BigDecimal.ZERO;
        BigDecimal executed = BigDecimal.ZERO;
        BigDecimal budgetTimesPlanned = BigDecimal.ZERO;
        int green;
        int yellow;
        int red;
    }

    private List<AgencyLine> lines(int fiscalYear, LocalDate asOf, BigDecimal timeElapsed,
                                   List<ProjectFigures> projects, Map<String, String> names,
                                   Map<String, Long> openAlerts) {
        Map<UUID, BigDecimal> plannedByKey = new HashMap<>();
        Map<String, Sums> byAgency = new HashMap<>();
        for (ProjectFigures p : projects) {
            BigDecimal planned = plannedByKey.computeIfAbsent(p.planKey(), key -> {
                DisbursementPlan plan = plans.get(fiscalYear, key);
                return plan == null ? BigDecimal.ZERO.setScale(2) : plan.plannedPercentAt(asOf);
            });
            ProgressStatus status = calculator.status(p.executed(), p.budget(),
                    ProgressCalculator.rate(p.executed(), p.budget()), planned);
            Sums s = byAgency.computeIfAbsent(p.agencyCode(), k -> new Sums());
            s.projects++;
            s.budget = s.budget.add(p.budget());
            s.executed = s.executed.add(p.executed());
            s.budgetTimesPlanned = s.budgetTimesPlanned.add(p.budget().multiply(planned));
            switch (status) {
                case ON_TRACK -> s.green++;
                case LAGGING -> s.yellow++;
                default -> s.red++;
            }
        }
        List<AgencyLine> lines = new ArrayList<>(byAgency.size());
        byAgency.forEach((agency, s) -> {
            BigDecimal rate = ProgressCalculator.rate(s.executed, s.budget);
            lines.add(new AgencyLine(agency, names.get(agency), s.projects, s.budget.setScale(2, RoundingMode.HALF_UP),
                    s.executed.setScale(2, RoundingMode.HALF_UP), rate,
                    ProgressCalculator.weightedPlannedRate(s.budgetTimesPlanned, s.budget), timeElapsed,
                    rate.subtract(timeElapsed), s.green, s.yellow, s.red, openAlerts.getOrDefault(agency, 0L)));
        });
        lines.sort(Comparator.comparing(AgencyLine::gapToTimeElapsedPoints).thenComparing(AgencyLine::agencyCode));
        return lines;
    }
}
