package io.budgetwatch.goals.document.parse;

/** PLACEHOLDER until branch goals-parser lands; the parser branch owns this file. */
public record QualityWarning(String projectCode, Integer indicatorSeq, String indicatorName, String rule,
                             String messageZh, String messageEn) {
}
