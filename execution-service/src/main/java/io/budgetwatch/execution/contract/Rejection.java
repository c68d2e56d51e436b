package io.budgetwatch.execution.contract;

import java.util.List;

/**
 * A refusal of one record: the reason, the first offending field, messages in Chinese and English,
 * and every field problem found (validation reports all of them at once).
 */
public record Rejection(RejectReason reason, String field, String messageZh, String messageEn,
                        List<FieldIssue> issues) {

    /** One field problem. */
    public record FieldIssue(String field, String code, String messageZh, String messageEn) {
    }

    public static Rejection of(RejectReason reason, String field, String zh, String en) {
        return new Rejection(reason, field, zh, en, List.of(new FieldIssue(field, reason.code(), zh, en)));
    }

    /** Several field problems; the first one names the reason and the field. */
    public static Rejection ofIssues(List<FieldIssue> issues) {
        FieldIssue first = issues.get(0);
        RejectReason reason = first.code().equals(RejectReason.MISSING_FIELD.code())
                ? RejectReason.MISSING_FIELD : RejectReason.INVALID_FIELD;
        if (issues.size() == 1) {
            return new Rejection(reason, first.field(), first.messageZh(), first.messageEn(), issues);
        }
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (FieldIssue issue : issues) {
            zh.append(zh.isEmpty() ? "" : "；").append(issue.messageZh());
            en.append(en.isEmpty() ? "" : "; ").append(issue.messageEn());
        }
        return new Rejection(reason, first.field(), zh.toString(), en.toString(), issues);
    }
}
