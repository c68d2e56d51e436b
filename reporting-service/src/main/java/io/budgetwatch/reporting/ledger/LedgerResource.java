package io.budgetwatch.reporting.ledger;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The project page's ledger. reporting-service keeps only per-day totals; the entries belong to execution-service,
 * which is asked with the caller's own access token (bearer, or the dashboard session's), so its roles and agency
 * walls decide: its answer (200 LedgerView, or its 4xx problem, e.g. 404 for another agency's project) is relayed
 * unchanged. The class path is {@code /api}, as {@code ProjectResource}'s (a longer class path would take the
 * other {@code /api/projects/{code}/...} URLs).
 */
@Path("/api")
@Tag(name = "ledger", description = "项目台账（由执行服务提供） / project ledger (from execution-service)")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class LedgerResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    ExecutionLedgerClient execution;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/projects/{code}/ledger")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Project ledger from execution-service with the caller's token: budget, executed totals, "
            + "entries in ledger order incl. refunds and corrections (page with afterSeq, limit 0..1000); "
            + "503 ledger-unavailable when execution-service does not answer")
    public Uni<Response> ledger(@PathParam("code") String code, @QueryParam("afterSeq") String afterSeq,
                                @QueryParam("limit") String limit,
                                @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        String projectCode = Params.projectCode(code);
        Long after = afterSeq(afterSeq);
        Integer size = limit(limit);
        String token = CallerToken.of(identity);
        if (token == null) {
            // signed in without an access token to pass on: execution-service could not tell who asks
            return Uni.createFrom().failure(new ProblemException(503, "ledger-unavailable", null,
                    "当前登录方式无法读取台账，请重新登录", "The ledger cannot be read with this sign-in; sign in again"));
        }
        return execution.page(projectCode, after, size, token, acceptLanguage)
                .map(answer -> Response.status(answer.status()).type(answer.contentType())
                        .entity(answer.body()).build());
    }

    static Long afterSeq(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                // over Long.MAX_VALUE: below
            }
        }
        throw ProblemException.badRequest("invalid-parameter", "afterSeq",
                "afterSeq 须为非负整数（上一页的 nextAfterSeq），收到：" + value,
                "afterSeq must be a non-negative integer (the previous page's nextAfterSeq), got: " + value);
    }

    static Integer limit(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() <= 18 && value.chars().allMatch(Character::isDigit) && Long.parseLong(value) <= MAX_LIMIT) {
            return Integer.parseInt(value);
        }
        throw ProblemException.badRequest("invalid-parameter", "limit",
                "limit 须在 0 至 1000 之间，收到：" + value, "limit must be between 0 and 1000, got: " + value);
    }
}
