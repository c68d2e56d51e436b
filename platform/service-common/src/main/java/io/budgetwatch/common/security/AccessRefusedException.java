package io.budgetwatch.common.security;

import io.budgetwatch.common.problem.ProblemException;

/** A refusal of the access rules (403, or 404 where existence is hidden): answered as its problem, and audited. */
public class AccessRefusedException extends ProblemException {

    private final String reason;

    public AccessRefusedException(ProblemException answer, String reason) {
        super(answer.status(), answer.code(), answer.field(), answer.messageZh(), answer.messageEn(), answer.errors(),
                answer.context());
        this.reason = reason;
    }

    /** Why, for the audit trail (the answer may hide it: a 404 for another agency's project). */
    public String reason() {
        return reason;
    }
}
