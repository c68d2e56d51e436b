package io.budgetwatch.execution.indicator;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.execution.project.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/api")
@Tag(name = "indicator-reports", description = "绩效指标完成值 / indicator actuals")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class IndicatorReportResource {

    @Inject
    IndicatorReportService service;

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    /**
     * A planner reports for the projects of its own agencies. Another agency's project answers as an
     * unknown one (422 unknown-project: the project is named in the body), so its existence is not told.
     */
    @POST
    @RolesAllowed(Roles.PLANNER)
    @Path("/indicator-reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report an indicator actual (value with unit, or a qualitative assessment)",
            description = "201 with the stored report; 200 when the same reportId was already stored with the same "
                    + "content; 409 when it was stored with other content; 422 naming the field otherwise.")
    public Uni<Response> submit(IndicatorReportRequest request) {
        return service.submit(request, caller.snapshot()).map(stored -> (stored.created()
                ? Response.created(URI.create("/api/projects/" + stored.report().projectCode() + "/indicator-reports"))
                : Response.ok()).entity(stored.report()).build());
    }

    @GET
    @Path("/projects/{code}/indicator-reports")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "History of indicator actuals of a project, newest first")
    public Uni<List<IndicatorReportView>> history(@PathParam("code") String code,
                                                  @QueryParam("indicatorSeq") Integer indicatorSeq,
                                                  @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit 须在 1 至 1000 之间",
                    "limit must be between 1 and 1000");
        }
        // another agency's project answers 404, as one that does not exist
        access.requireVisible(code, caller);
        return service.history(code, indicatorSeq, limit);
    }
}
