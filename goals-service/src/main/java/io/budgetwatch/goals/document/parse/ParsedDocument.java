package io.budgetwatch.goals.document.parse;

import java.util.List;

/**
 * A goal document (绩效目标表) as read, before it is stored. moneyUnit is the unit written on the
 * first project table ("元" or "万元"); every amount below is already in yuan.
 */
public record ParsedDocument(
        String agencyCode,
        String agencyName,
        int fiscalYear,
        String moneyUnit,
        List<ParsedDuty> duties,
        List<ParsedProject> projects,
        List<QualityWarning> warnings) {

    public ParsedDocument {
        duties = List.copyOf(duties);
        projects = List.copyOf(projects);
        warnings = List.copyOf(warnings);
    }

    public int indicatorCount() {
        return projects.stream().mapToInt(p -> p.indicators().size()).sum();
    }

    public java.math.BigDecimal totalBudget() {
        return projects.stream().map(ParsedProject::total)
                .reduce(java.math.BigDecimal.ZERO.setScale(2), java.math.BigDecimal::add);
    }
}
