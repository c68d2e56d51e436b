package io.budgetwatch.reporting.progress;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.LocalDate;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    @Inject
    ProgressService progress;

    @Inject
    Clock clock;

    @GET
    @Path("/projects/{code}/progress")
    @Operation(summary = "Plan vs actual of one project at a date (default: today, or the year end of a past year), with its monthly series")
    public Uni<ProjectProgress> project(@PathParam("code") String code, @QueryParam("asOf") String asOf,
                                        HttpHeaders headers) {
        LocalDate date = Params.date(asOf, "asOf");
        return progress.project(code, date, Lang.fromAcceptLanguage(headers.getAcceptableLanguages()));
    }

    @GET
    @Path("/progress")
    @Operation(summary = "Plan vs actual of every project of an agency and fiscal year, with agency totals")
    public Uni<AgencyProgress> agency(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                      @QueryParam("asOf") String asOf, HttpHeaders headers) {
        Params.requiredAgency(agency, "agency");
        Integer fiscalYear = Params.year(year, "year");
        LocalDate date = parseAsOf(asOf);
        if (fiscalYear == null) {
            fiscalYear = date.getYear();
        } else if ((asOf == null || asOf.isBlank()) && date.getYear() > fiscalYear) {
            // A past year asked without a date: its year-end position, not today's.
            date = LocalDate.of(fiscalYear, 12, 31);
        }
        return progress.agency(agency, fiscalYear, date, Lang.fromAcceptLanguage(headers.getAcceptableLanguages()));
    }

    private LocalDate parseAsOf(String asOf) {
        LocalDate date = Params.date(asOf, "asOf");
        return date != null ? date : LocalDate.now(clock);
    }
}
