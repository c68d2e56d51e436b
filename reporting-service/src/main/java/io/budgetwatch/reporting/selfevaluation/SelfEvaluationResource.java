package io.budgetwatch.reporting.selfevaluation;

import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The self-evaluation of one project, for readers who see its agency. Another agency's project answers 404
 * before the year is compared, so its fiscal year does not leak through a 400 year-mismatch.
 */
@Path("/api/projects/{code}/self-evaluation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class SelfEvaluationResource {

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    @Inject
    SelfEvaluationService selfEvaluation;

    @GET
    @Operation(summary = "Year-end self-evaluation (绩效自评): 100-point score, per level and indicator, grade and reasons")
    public Uni<SelfEvaluation> get(@PathParam("code") String code, @QueryParam("year") String year) {
        return access.requireVisible(code, caller).chain(() -> selfEvaluation.evaluate(code, year));
    }
}
