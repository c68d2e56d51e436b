package io.budgetwatch.reporting.bureau;

import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The bureau view (主管部门总览): every agency in the caller's scope, most behind the time-elapsed rate first. A
 * manager of one agency sees that one only; a supervisor without agencies in the token sees all.
 */
@Path("/api/bureau")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class BureauResource {

    @Inject
    Caller caller;

    @Inject
    BureauService bureau;

    @GET
    @Operation(summary = "Every agency in the caller's scope for a year at a date (default: the newest year, today "
            + "or its year end): totals, rates and green/yellow/red project counts, most behind first")
    public Uni<BureauView.Bureau> get(@QueryParam("year") String year, @QueryParam("asOf") String asOf) {
        return bureau.bureau(caller.agencyFilter(), year, asOf);
    }
}
