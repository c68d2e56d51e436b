package io.budgetwatch.goals.adjustment;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.problem.Params;
import io.smallrye.mutiny.Uni;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.goals.project.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/api/projects/{code}/budget-adjustments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "budget adjustments", description = "预算调整: append-only budget history")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class BudgetAdjustmentResource {

    @Inject
    BudgetAdjustmentService service;

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;


    @POST
    @RolesAllowed(Roles.PLANNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a budget adjustment (预算调整): new total/fiscal/other, reason, effective date, who; "
            + "creates a new project version and publishes its snapshot. An optional Idempotency-Key header "
            + "makes retries safe.")
    public Uni<Response> adjust(@PathParam("code") String code, BudgetAdjustmentRequest request,
                                @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String projectCode = Params.projectCode(code);
        return access.requireVisible(projectCode, caller)
                .chain(() -> service.adjust(projectCode, request, idempotencyKey, caller.snapshot()))
                .map(outcome -> Response.status(outcome.created() ? 201 : 200)
                        .location(URI.create("/api/projects/" + code + "/budget-adjustments/"
                                + outcome.adjustment().seq()))
                        .entity(outcome.adjustment())
                        .build());
    }

    @GET
    @Operation(summary = "The budget adjustment history of a project, oldest first")
    public Uni<List<BudgetAdjustmentView>> list(@PathParam("code") String code) {
        String projectCode = Params.projectCode(code);
        return access.requireVisible(projectCode, caller).chain(() -> service.history(projectCode));
    }

    @GET
    @Path("{seq}")
    @Operation(summary = "One budget adjustment of a project")
    public Uni<BudgetAdjustmentView> get(@PathParam("code") String code, @PathParam("seq") String seq) {
        String projectCode = Params.projectCode(code);
        int number;
        try {
            number = Integer.parseInt(seq);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-seq", "seq", "调整序号须为正整数：" + seq,
                    "The adjustment number must be a positive integer: " + seq);
        }
        return access.requireVisible(projectCode, caller).chain(() -> service.find(projectCode, number));
    }
}
