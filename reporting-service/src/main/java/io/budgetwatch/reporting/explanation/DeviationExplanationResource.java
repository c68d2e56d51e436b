package io.budgetwatch.reporting.explanation;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

/**
 * Deviation explanations (偏差原因分析, 纠偏措施) of the monitoring form, per project: planners of the project's agency
 * record them (append-only, idempotent by the client's {@code explanationId}); readers list them. Another agency's
 * project answers 404 as an unknown one.
 */
@Path("/api/projects/{code}/deviation-explanations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class DeviationExplanationResource {

    @Inject
    ExplanationService service;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.PLANNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a deviation explanation (偏差原因分析): causes by category, likelihood of reaching "
            + "the target, expected full-year value, corrective measures; 201 when new, 200 when the same id was "
            + "recorded with the same content, 409 when with another")
    public Uni<Response> record(@PathParam("code") String code, ExplanationRequest request) {
        String projectCode = Params.projectCode(code);
        return service.record(projectCode, request, caller.snapshot())
                .map(outcome -> Response.status(outcome.created() ? 201 : 200)
                        .location(URI.create("/api/projects/" + projectCode + "/deviation-explanations/"
                                + outcome.explanation().explanationId()))
                        .entity(outcome.explanation())
                        .build());
    }

    @GET
    @Operation(summary = "A project's deviation explanations, newest recorded first, of monitoring dates up to asOf, "
            + "optionally of one indicator; each marked superseded when a later one has its indicator and date")
    public Uni<List<ExplanationView>> list(@PathParam("code") String code, @QueryParam("asOf") String asOf,
                                           @QueryParam("indicatorId") String indicatorId) {
        String projectCode = Params.projectCode(code);
        Integer indicator = null;
        if (indicatorId != null && !indicatorId.isBlank()) {
            try {
                indicator = Integer.parseInt(indicatorId.strip());
            } catch (NumberFormatException e) {
                indicator = 0;
            }
            if (indicator < 1) {
                throw ProblemException.badRequest("invalid-indicator", "indicatorId",
                        "indicatorId 须为指标序号（正整数）：" + indicatorId,
                        "indicatorId must be an indicator's number (a positive integer): " + indicatorId);
            }
        }
        return service.history(projectCode, Params.date(asOf, "asOf"), indicator, caller.snapshot());
    }

    @GET
    @Path("/{explanationId}")
    @Operation(summary = "One deviation explanation of a project")
    public Uni<ExplanationView> get(@PathParam("code") String code, @PathParam("explanationId") String explanationId) {
        return service.find(Params.projectCode(code), explanationId, caller.snapshot());
    }
}
