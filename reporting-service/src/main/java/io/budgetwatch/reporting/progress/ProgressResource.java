package io.budgetwatch.reporting.progress;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;

/**
 * Plan vs actual. Readers (planner, manager, supervisor, auditor) of the agencies in their scope: another
 * agency's project answers 404 as an unknown one; naming another agency in {@code agency} answers 403.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class ProgressResource {

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    @Inject
    ProgressService progress;

    @GET
    @Path("/projects/{code}/progress")
    @Operation(summary = "Plan vs actual of one project at a date (default: today, or the year end of a past year), with its monthly series")
    public Uni<ProjectProgress> project(@PathParam("code") String code, @QueryParam("asOf") String asOf,
                                        HttpHeaders headers) {
        LocalDate date = Params.date(asOf, "asOf");
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return access.requireVisible(code, caller).chain(() -> progress.project(code, date, lang));
    }

    /**
     * One agency's figures. {@code agency} may be omitted by a caller whose token names exactly one agency (that
     * one is meant); a caller of several agencies, or of all, must name it (400 {@code missing-parameter}
     * otherwise): the answer is about one agency's totals, never a sum across agencies. An agency outside
     * the caller's scope is 403 {@code agency-forbidden} (the caller named the code: nothing leaks).
     */
    @GET
    @Path("/progress")
    @Operation(summary = "Plan vs actual of every project of an agency and fiscal year, with agency totals")
    public Uni<AgencyProgress> agency(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                      @QueryParam("asOf") String asOf, HttpHeaders headers) {
        return progress.agency(caller, agency, year, asOf, Lang.fromAcceptLanguage(headers.getAcceptableLanguages()));
    }
}
