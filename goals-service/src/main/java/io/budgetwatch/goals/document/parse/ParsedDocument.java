package io.budgetwatch.goals.document.parse;

import java.util.List;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
public record ParsedDocument(String agencyCode, String agencyName, int fiscalYear, String moneyUnit,
                             List<ParsedDuty> duties, List<ParsedProject> projects, List<QualityWarning> warnings) {
}
