package io.budgetwatch.common.audit;

/**
 * What one state change did: the action ({@code goal-document.import}), its target ids, the agency it
 * belongs to (null when none), a short summary of the change and the result.
 */
public record AuditEntry(String action, String target, String agencyCode, String summary, String result) {

    public static final String DONE = "done";
    public static final String REFUSED = "refused";

    public static AuditEntry done(String action, String target, String agencyCode, String summary) {
        return new AuditEntry(action, target, agencyCode, summary, DONE);
    }

    public static AuditEntry refused(String action, String target, String summary) {
        return new AuditEntry(action, target, null, summary, REFUSED);
    }
}
