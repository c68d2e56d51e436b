package io.budgetwatch.reporting.project;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.progress.ProgressView.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One project as its page shows it, from the read model's latest snapshot: what goals-service published (purpose,
 * goals, plan, budget and its adjustments), with the budget at the start of the year (年初预算数).
 *
 * @param asOf          the date the page is about (default: today, or the year end of a past year), as
 *                      {@code GET /api/projects/{code}/progress} takes it
 * @param budget        the current budget (after every adjustment), as the progress figures use it
 * @param initialBudget 年初预算数: the budget before the first adjustment; without adjustments the budget itself.
 *                      An adjustment records only the total before it, so after one the split by fund before it is
 *                      unknown: {@code fiscal} and {@code other} are then null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectDetail(String projectCode, String name, String agencyCode, String agencyName, int fiscalYear,
                            int version, LocalDate asOf, String purpose, List<String> goals, Money budget,
                            Money initialBudget, List<Adjustment> adjustments, List<PlanPoint> plan) {

    /** 预算调整 as recorded: the total before and after, the split after, why, from when, by whom, from where. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Adjustment(int seq, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousTotal,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other, String reason,
                             LocalDate effectiveOn, String adjustedBy, Instant recordedAt, String source) {
    }

    /** 资金支出计划: the cumulative percent planned by a checkpoint. */
    public record PlanPoint(LocalDate checkpoint,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cumulativePercent) {
    }

    /**
     * 年初预算数 of a project: the total before its first adjustment (by seq), whose split by fund is not recorded
     * (fiscal and other null); without adjustments the budget itself. The one place of this rule (the page, the
     * 自评表 and the 监控表 use it).
     */
    public static Money initialBudget(ProjectSnapshot s) {
        if (s.adjustments() == null || s.adjustments().isEmpty()) {
            return new Money(s.budget().total(), s.budget().fiscal(), s.budget().other());
        }
        return s.adjustments().stream().min(Comparator.comparingInt(ProjectSnapshot.BudgetAdjustment::seq))
                .map(first -> new Money(first.previousTotal(), null, null)).orElseThrow();
    }

    /** The page of {@code s} as of {@code asOf}. */
    public static ProjectDetail of(ProjectSnapshot s, LocalDate asOf) {
        List<ProjectSnapshot.BudgetAdjustment> recorded = s.adjustments() == null ? List.of()
                : s.adjustments().stream().sorted(Comparator.comparingInt(ProjectSnapshot.BudgetAdjustment::seq))
                .toList();
        Money budget = new Money(s.budget().total(), s.budget().fiscal(), s.budget().other());
        Money initial = initialBudget(s);
        List<Adjustment> adjustments = recorded.stream().map(a -> new Adjustment(a.seq(), a.previousTotal(),
                a.total(), a.fiscal(), a.other(), a.reason(), a.effectiveOn(), a.adjustedBy(), a.recordedAt(),
                a.source())).toList();
        List<PlanPoint> plan = s.plan() == null ? List.of() : s.plan().stream()
                .sorted(Comparator.comparing(ProjectSnapshot.PlanPoint::checkpoint))
                .map(p -> new PlanPoint(p.checkpoint(), p.cumulativePercent())).toList();
        return new ProjectDetail(s.projectCode(), s.name(), s.agencyCode(),
                s.agencyName() == null ? s.agencyCode() : s.agencyName(), s.fiscalYear(), s.version(), asOf,
                s.purpose(), s.goals() == null ? List.of() : s.goals(), budget, initial, adjustments, plan);
    }
}
