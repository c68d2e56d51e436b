package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot;

import java.math.BigDecimal;
import java.util.List;

/**
 * One project table. Amounts are in yuan with scale 2 (converted exactly from 万元 when the table
 * says so). tableNo is the 1-based position of the project in the document. purpose is "" when the
 * document has none. goals are the goal lines with their numbering ("1.") removed, duplicates kept.
 */
public record ParsedProject(
        int tableNo,
        String code,
        String name,
        String agencyCode,
        String agencyName,
        BigDecimal total,
        BigDecimal fiscal,
        BigDecimal other,
        String purpose,
        List<ProjectSnapshot.PlanPoint> plan,
        List<String> goals,
        List<ParsedIndicator> indicators) {

    public ParsedProject {
        plan = List.copyOf(plan);
        goals = List.copyOf(goals);
        indicators = List.copyOf(indicators);
    }

    /** The year written in the code (characters 7-8), e.g. 2021 for 130303 21 …. */
    public int codeYear() {
        return 2000 + Integer.parseInt(code.substring(6, 8));
    }
}
