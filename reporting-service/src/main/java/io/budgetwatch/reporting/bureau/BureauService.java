package io.budgetwatch.reporting.bureau;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.reporting.bureau.BureauStore.ProjectFigures;
import io.budgetwatch.reporting.bureau.BureauView.AgencyLine;
import io.budgetwatch.reporting.bureau.BureauView.Bureau;
import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import io.budgetwatch.reporting.live.ChangeVersions;
import io.budgetwatch.reporting.live.ReadCache;
import io.budgetwatch.reporting.live.ReadCacheSettings;
import io.budgetwatch.reporting.progress.ProgressCalculator;
import io.budgetwatch.reporting.progress.ProgressService;
import io.budgetwatch.reporting.progress.ProgressStatus;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
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
import java.util.Optional;
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

    @Inject
    ChangeVersions versions;

    @Inject
    ReadCacheSettings cacheSettings;

    /** One agency's line of a year at a date; empty: no projects that year. */
    private record LineKey(String agencyCode, int fiscalYear, LocalDate asOf) {
    }

    private ReadCache<LineKey, Optional<AgencyLine>> lineCache;
    private ReadCache<Integer, Set<String>> agencyCache;

    @PostConstruct
    void caches() {
        lineCache = new ReadCache<>(versions, cacheSettings.capacity());
        agencyCache = new ReadCache<>(versions, cacheSettings.capacity());
    }

    /**
     * {@code agencies}: the caller's scope (null = all). No year: the newest with projects in the scope (else the
     * date's); no date: today, or the year end of a past year (as GET /api/progress). Each agency's line is kept
     * until something of that agency changes ({@link ChangeVersions}): an answer reads only the agencies changed since.
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
            return (agencies != null ? Uni.createFrom().item(agencies) : agenciesOf(fy))
                    .flatMap(scope -> lines(fy, at, today, timeElapsed, scope, agencies == null))
                    .map(lines -> new Bureau(fy, at, timeElapsed, lines));
        });
    }

    /** Every agency with projects in the year. */
    private Uni<Set<String>> agenciesOf(int fiscalYear) {
        Set<String> kept = agencyCache.get(fiscalYear);
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        ChangeVersions.Stamp stamp = versions.projectsOf(fiscalYear);
        return store.agencies(fiscalYear).invoke(found -> agencyCache.put(fiscalYear, stamp, Set.copyOf(found)));
    }

    /** The lines of the scope: the kept ones, and those changed (or never asked) read and kept. */
    private Uni<List<AgencyLine>> lines(int fiscalYear, LocalDate asOf, LocalDate today, BigDecimal timeElapsed,
                                        Set<String> scope, boolean everyAgency) {
        List<AgencyLine> lines = new ArrayList<>(scope.size());
        Map<String, ChangeVersions.Stamp> stale = new HashMap<>();
        for (String agency : scope) {
            Optional<AgencyLine> kept = lineCache.get(new LineKey(agency, fiscalYear, asOf));
            if (kept != null) {
                kept.ifPresent(lines::add);
            } else {
                stale.put(agency, versions.agency(agency, fiscalYear));
            }
        }
        if (stale.isEmpty()) {
            return Uni.createFrom().item(ranked(lines));
        }
        // most of every agency: one pass over the year (hash joins); else the changed agencies through their indexes
        Set<String> read = everyAgency && stale.size() * 2 > scope.size() ? null : stale.keySet();
        // Fewer daily rows: from the month's end back when nothing is paid after the date yet (today or later) or
        // it is in the second half of its month; else from the month's start forward.
        boolean fromMonthEnd = !asOf.isBefore(today) || asOf.getDayOfMonth() > asOf.lengthOfMonth() / 2;
        return Uni.combine().all().unis(store.projects(fiscalYear, asOf, fromMonthEnd, read)
                                .flatMap(list -> withPlans(fiscalYear, list)),
                        store.agencyNames(fiscalYear, read), store.openAlerts(fiscalYear, read)).asTuple()
                .map(t -> {
                    Map<String, AgencyLine> computed = compute(fiscalYear, asOf, timeElapsed, t.getItem1(),
                            t.getItem2(), t.getItem3());
                    stale.forEach((agency, stamp) -> {
                        AgencyLine line = computed.get(agency);
                        lineCache.put(new LineKey(agency, fiscalYear, asOf), stamp, Optional.ofNullable(line));
                        if (line != null) {
                            lines.add(line);
                        }
                    });
                    return ranked(lines);
                });
    }

    private static List<AgencyLine> ranked(List<AgencyLine> lines) {
        lines.sort(Comparator.comparing(AgencyLine::gapToTimeElapsedPoints).thenComparing(AgencyLine::agencyCode));
        return lines;
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

    private Map<String, AgencyLine> compute(int fiscalYear, LocalDate asOf, BigDecimal timeElapsed,
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
        Map<String, AgencyLine> lines = new HashMap<>(byAgency.size() * 2);
        byAgency.forEach((agency, s) -> {
            BigDecimal rate = ProgressCalculator.rate(s.executed, s.budget);
            BigDecimal planned = ProgressCalculator.weightedPlannedRate(s.budgetTimesPlanned, s.budget);
            lines.put(agency, new AgencyLine(agency, names.get(agency), s.projects,
                    s.budget.setScale(2, RoundingMode.HALF_UP), s.executed.setScale(2, RoundingMode.HALF_UP), rate,
                    planned, timeElapsed, rate.subtract(timeElapsed),
                    calculator.status(s.executed, s.budget, rate, planned), s.green, s.yellow, s.red,
                    openAlerts.getOrDefault(agency, 0L)));
        });
        return lines;
    }
}
