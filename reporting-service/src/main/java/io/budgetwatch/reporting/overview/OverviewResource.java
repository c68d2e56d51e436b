package io.budgetwatch.reporting.overview;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The agency overview (单位总览) for readers of the agency. {@code agency}, {@code year} and {@code asOf} follow
 * GET /api/progress: the agency may be omitted by a caller of exactly one; another agency is 403.
 */
@Path("/api/overview")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class OverviewResource {

    @Inject
    Caller caller;

    @Inject
    OverviewService overview;

    @GET
    @Operation(summary = "One agency's year at a date: totals, status counts, open alerts, indicator verdicts, "
            + "planned vs actual curve and its projects, most behind plan first")
    public Uni<OverviewView.Overview> get(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                          @QueryParam("asOf") String asOf, HttpHeaders headers) {
        return overview.overview(caller, agency, year, asOf, Lang.fromAcceptLanguage(headers.getAcceptableLanguages()));
    }
}
