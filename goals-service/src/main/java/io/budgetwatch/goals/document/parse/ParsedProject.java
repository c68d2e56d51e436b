package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot;

import java.math.BigDecimal;
import java.util.List;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
public record ParsedProject(int tableNo, String code, String name, String agencyCode, String agencyName,
                            BigDecimal total, BigDecimal fiscal, BigDecimal other, String purpose,
                            List<ProjectSnapshot.PlanPoint> plan, List<String> goals,
                            List<ParsedIndicator> indicators) {
}
