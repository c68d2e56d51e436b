package io.budgetwatch.goals.project;

import io.budgetwatch.events.ProjectSnapshot;

/** One line of the project list. budget is the current (adjusted) budget. */
public record ProjectSummary(
        String code,
        String name,
        int fiscalYear,
        String agencyCode,
        String agencyName,
        int version,
        ProjectSnapshot.Budget budget,
        int indicatorCount,
        int adjustmentCount,
        boolean inLatestDocument) {
}
