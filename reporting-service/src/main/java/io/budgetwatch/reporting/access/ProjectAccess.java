package io.budgetwatch.reporting.access;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The agency wall around one project of the read model: a caller sees a project when it sees the agency the
 * project's latest snapshot names. Any other project answers exactly as an unknown one (404
 * {@code unknown-project}), so that the codes of other agencies' projects cannot be probed; the refusal is
 * audited with the true reason. A package of its own (not {@code project}) because every feature that answers
 * about one project uses it, and the project package depends on the alert feature.
 */
@ApplicationScoped
public class ProjectAccess {

    @Inject
    Pool pool;

    /** Fails with the 404 of an unknown project unless the project exists and {@code caller} sees its agency. */
    public Uni<Void> requireVisible(String code, Caller caller) {
        return pool.preparedQuery("SELECT agency_code FROM project WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw unknownProject(code);
                    }
                    if (!caller.sees(rows.iterator().next().getString("agency_code"))) {
                        throw AccessProblems.hidden(unknownProject(code), "project " + code);
                    }
                    return null;
                });
    }

    /** The answer about a project the read model does not know (the same text the features answer with). */
    public static ProblemException unknownProject(String code) {
        return ProblemException.notFound("unknown-project", "code", "未知项目：" + code, "Unknown project: " + code);
    }
}
