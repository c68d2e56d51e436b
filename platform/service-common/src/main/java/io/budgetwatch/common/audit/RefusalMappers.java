package io.budgetwatch.common.audit;

import io.budgetwatch.common.problem.ProblemMappers;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.AccessRefusedException;
import io.budgetwatch.common.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals of the access rules: a role check that fails ({@code @RolesAllowed}) and an agency wall answer
 * as problem bodies like every other refusal, and each is recorded in the audit trail.
 */
public class RefusalMappers {

    private static final Logger LOG = Logger.getLogger(RefusalMappers.class);

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, HttpHeaders headers, HttpServerRequest request) {
        return recorded(request, "the caller's roles do not allow it")
                .replaceWith(ProblemMappers.respond(AccessProblems.roleForbidden(), headers, request));
    }

    @ServerExceptionMapper
    public Uni<Response> refused(AccessRefusedException e, HttpHeaders headers, HttpServerRequest request) {
        return recorded(request, e.reason()).replaceWith(ProblemMappers.respond(e, headers, request));
    }

    private Uni<Void> recorded(HttpServerRequest request, String reason) {
        return audit.recordAlone(caller, AuditEntry.refused(request.method().name() + " " + request.path(), null,
                        reason))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("A refusal could not be recorded in the audit trail: %s", failure.toString());
                    return null;
                });
    }
}
