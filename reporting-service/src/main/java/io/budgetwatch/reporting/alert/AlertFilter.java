package io.budgetwatch.reporting.alert;

import java.util.Set;

/**
 * What the alert list is filtered by; null means any. {@code scope}: the agencies the caller sees (null: all;
 * empty: none), applied whatever else is asked. {@code rule}: one of {@link Alert.Rule}'s names.
 */
public record AlertFilter(String agencyCode, Integer fiscalYear, String severity, String projectCode,
                          Boolean acknowledged, Set<String> scope, String rule) {

    /** Any rule. */
    public AlertFilter(String agencyCode, Integer fiscalYear, String severity, String projectCode,
                       Boolean acknowledged, Set<String> scope) {
        this(agencyCode, fiscalYear, severity, projectCode, acknowledged, scope, null);
    }
}
