package io.budgetwatch.common.security;

import io.budgetwatch.common.problem.ProblemException;

import java.util.Map;

/** The refusals of the access rules, as problem bodies. */
public final class AccessProblems {

    private AccessProblems() {
    }

    public static AccessRefusedException agencyForbidden(String agencyCode) {
        return new AccessRefusedException(new ProblemException(403, "agency-forbidden", "agency",
                "无权访问预算单位 " + agencyCode + " 的数据", "Agency " + agencyCode + " is not among yours",
                null, Map.of("agencyCode", agencyCode)), "agency " + agencyCode + " is not among the caller's");
    }

    /** Another agency's thing answered as if it did not exist ({@code notFound}), so its existence is not told. */
    public static AccessRefusedException hidden(ProblemException notFound, String what) {
        return new AccessRefusedException(notFound, what + " belongs to an agency not among the caller's");
    }

    public static ProblemException roleForbidden() {
        return new ProblemException(403, "forbidden", null, "您的角色无权执行此操作",
                "Your roles do not allow this operation");
    }
}
