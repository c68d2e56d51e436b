package io.budgetwatch.reporting.live;

/**
 * One message of the live stream, as committed writers announce it ({@link LiveNotices}): what changed
 * ({@code payment}, {@code alert}, {@code project}, {@code explanation}, {@code indicator}) for which agency, fiscal year
 * and project ({@code null}: several projects of the agency).
 */
public record LiveChange(String type, String agencyCode, Integer fiscalYear, String projectCode) {
}
