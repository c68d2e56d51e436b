package io.budgetwatch.execution.ledger;

import java.math.BigDecimal;

/** Running totals of one project (执行数), updated entry by entry inside a ledger transaction. */
public final class ProjectTotals {
    public final String projectCode;
    public BigDecimal total;
    public BigDecimal fiscal;
    public BigDecimal other;
    public long count;
    public boolean changed;

    public ProjectTotals(String projectCode, BigDecimal total, BigDecimal fiscal, BigDecimal other, long count) {
        this.projectCode = projectCode;
        this.total = total;
        this.fiscal = fiscal;
        this.other = other;
        this.count = count;
    }

    public static ProjectTotals zero(String projectCode) {
        return new ProjectTotals(projectCode, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), 0);
    }

    /**
     * The overspend rule: the project's executed total is above its current budget (the latest snapshot, i.e.
     * after adjustments). An entry that leaves its project so is accepted and flagged.
     */
    public boolean overspent(java.util.Optional<io.budgetwatch.execution.project.KnownProject> project) {
        return project.map(p -> total.compareTo(p.budgetTotal()) > 0).orElse(false);
    }

    public void add(BigDecimal amount, String fundSource) {
        total = total.add(amount);
        if ("FISCAL".equals(fundSource)) {
            fiscal = fiscal.add(amount);
        } else {
            other = other.add(amount);
        }
        count++;
        changed = true;
    }
}
