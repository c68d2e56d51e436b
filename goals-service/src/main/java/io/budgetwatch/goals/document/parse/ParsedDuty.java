package io.budgetwatch.goals.document.parse;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
public record ParsedDuty(int seq, String title, String mainDuty, String dutyGoal, String performanceGoal,
                         String indicatorText, String standard) {
}
