package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
public record ParsedIndicator(int seq, String level1, String level2, String level3, String description,
                              String targetRaw, ProjectSnapshot.Target target, String basis) {
}
