package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot;

/**
 * One indicator row. level1/level2 are filled from the row above when the document leaves them
 * blank (merged cells). targetRaw is the 指标值 cell exactly as written (outer whitespace removed);
 * target is its parsed form. description and basis are "" when the document has no such column.
 */
public record ParsedIndicator(
        int seq,
        String level1,
        String level2,
        String level3,
        String description,
        String targetRaw,
        ProjectSnapshot.Target target,
        String basis) {
}
