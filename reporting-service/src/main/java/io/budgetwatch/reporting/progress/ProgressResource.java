package io.budgetwatch.reporting.progress;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.ProblemException;
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
import java.time.format.DateTimeParseException;

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
        LocalDate date = asOf == null || asOf.isBlank() ? null : parseAsOf(asOf);
        return progress.project(code, date, Lang.fromAcceptLanguage(headers.getAcceptableLanguages()));
    }

    @GET
    @Path("/progress")
    @Operation(summary = "Plan vs actual of every project of an agency and fiscal year, with agency totals")
    public Uni<AgencyProgress> agency(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                      @QueryParam("asOf") String asOf, HttpHeaders headers) {
        if (agency == null || !agency.matches("[0-9A-Za-z]{1,32}")) {
            throw ProblemException.badRequest("invalid-agency", "agency",
                    "agency 必须是预算单位编码（字母或数字）", "agency must be an agency code (letters or digits)");
        }
        Integer fiscalYear = null;
        if (year != null && !year.isBlank()) {
            if (!year.matches("\\d{4}")) {
                throw ProblemException.badRequest("invalid-year", "year", "year 必须是四位年度，例如 2021",
                        "year must be a four-digit fiscal year, e.g. 2021");
            }
            fiscalYear = Integer.parseInt(year);
        }
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
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-date", "asOf", "asOf 必须是日期 yyyy-MM-dd",
                    "asOf must be a date yyyy-MM-dd");
        }
    }
}
