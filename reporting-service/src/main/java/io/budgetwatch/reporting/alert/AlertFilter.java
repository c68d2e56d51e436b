package io.budgetwatch.reporting.alert;

/** What the alert list is filtered by; null means any. */
public record AlertFilter(String agencyCode, Integer fiscalYear, String severity, String projectCode,
                          Boolean acknowledged) {
}
