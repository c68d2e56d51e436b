package io.budgetwatch.goals.adjustment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A manual 预算调整: the new budget (total = fiscal + other, yuan, at most two decimals; JSON numbers
 * or decimal strings), why, from when (a date in the project's fiscal year) and who decided it.
 */
public record BudgetAdjustmentRequest(
        BigDecimal total,
        BigDecimal fiscal,
        BigDecimal other,
        String reason,
        LocalDate effectiveOn,
        String adjustedBy) {
}
