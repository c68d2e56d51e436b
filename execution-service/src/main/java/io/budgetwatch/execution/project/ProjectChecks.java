package io.budgetwatch.execution.project;

import io.budgetwatch.execution.contract.RejectReason;
import io.budgetwatch.execution.contract.Rejection;

import java.util.Optional;

/**
 * Whether a record may be booked on the project it names: the project is known from goals.projects, of the same
 * fiscal year and agency. One rule for payment records and treasury vouchers (only the field names differ).
 */
public final class ProjectChecks {

    private ProjectChecks() {
    }

    /** Null when the record fits its project, else the refusal naming the record's own field. */
    public static Rejection problem(Optional<KnownProject> found, String projectCode, int fiscalYear, String agencyCode,
                                    String projectField, String yearField, String agencyField) {
        if (found.isEmpty()) {
            return Rejection.of(RejectReason.UNKNOWN_PROJECT, projectField,
                    "项目 " + projectCode + " 未知（goals-service 未发布该项目）",
                    "Project " + projectCode + " is unknown (not published by goals-service)");
        }
        KnownProject p = found.get();
        if (p.fiscalYear() != fiscalYear) {
            return Rejection.of(RejectReason.FISCAL_YEAR_MISMATCH, yearField,
                    "项目 " + p.code() + " 属于 " + p.fiscalYear() + " 年度，记录的年度为 " + fiscalYear,
                    "Project " + p.code() + " belongs to fiscal year " + p.fiscalYear() + ", the record says "
                            + fiscalYear);
        }
        if (!p.agencyCode().equals(agencyCode)) {
            return Rejection.of(RejectReason.AGENCY_MISMATCH, agencyField,
                    "项目 " + p.code() + " 属于预算单位 " + p.agencyCode() + "，记录的单位为 " + agencyCode,
                    "Project " + p.code() + " belongs to agency " + p.agencyCode() + ", the record says "
                            + agencyCode);
        }
        return null;
    }
}
