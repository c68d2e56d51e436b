package io.budgetwatch.reporting.export;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Downloads for the readers (planner, manager, supervisor, auditor), under the same walls as the answers they
 * lay out: the progress table as {@code GET /api/progress} (another agency named: 403), the self-evaluation
 * form of one project as {@code GET /api/projects/{code}/self-evaluation} (another agency's or an unknown project:
 * 404), the self-evaluation form of an agency and the monitoring form as the progress table (another agency named:
 * 403).
 */
@Path("/api/exports")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class ExportResource {

    public static final String CSV = "text/csv; charset=utf-8";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    @Inject
    ExportService exports;

    @GET
    @Path("/progress.csv")
    @Produces(CSV)
    @Operation(summary = "The progress table of an agency and fiscal year as CSV (UTF-8 with BOM, Chinese headers)")
    public Uni<Response> progress(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                  @QueryParam("asOf") String asOf) {
        return exports.progressCsv(caller, agency, year, asOf).map(d -> download(d, CSV));
    }

    @GET
    @Path("/monitoring.xlsx")
    @Produces(XLSX)
    @Operation(summary = "项目支出绩效目标执行监控表 of an agency's projects as of a date, as an xlsx workbook "
            + "(a summary sheet and one sheet per project)")
    public Uni<Response> monitoring(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                    @QueryParam("asOf") String asOf, @Context RoutingContext routing) {
        // the workbook goes to a temp file on a worker thread and is sent from there (sendfile), then deleted;
        // a refusal (4xx problem+json) comes before the file exists
        TempFileSending sending = TempFileSending.deleteOnEnd(routing);
        return exports.monitoringXlsx(caller, agency, year, asOf, sending)
                .map(d -> attachment(Response.ok(d.file(), XLSX), d.fileName()));
    }

    @GET
    @Path("/self-evaluation.xlsx")
    @Produces(XLSX)
    @Operation(summary = "项目支出绩效自评表 (财预〔2020〕10号) as an xlsx workbook: of one project (project=), or of "
            + "every project of an agency and fiscal year, a sheet per project (agency=, year=)")
    public Uni<Response> selfEvaluation(@QueryParam("project") String project, @QueryParam("agency") String agency,
                                        @QueryParam("year") String year) {
        boolean byProject = project != null && !project.isBlank();
        boolean byAgency = agency != null && !agency.isBlank();
        if (byProject && byAgency) {
            throw ProblemException.badRequest("conflicting-parameters", "agency",
                    "project 与 agency 只能指定其一（一个项目，或一个单位的全部项目）",
                    "Give either project or agency (one project, or every project of an agency), not both");
        }
        if (byAgency) {
            return exports.selfEvaluationXlsx(caller, agency.trim(), year).map(d -> download(d, XLSX));
        }
        if (!byProject) {
            throw Params.required("project", "项目编码（或预算单位编码 agency）", "project code (or agency code)");
        }
        String code = project.trim();
        if (!Params.isProjectCode(code)) {
            throw Params.invalidProjectCode(400, "project", code);
        }
        return access.requireVisible(code, caller)
                .chain(() -> exports.selfEvaluationXlsx(code, year))
                .map(d -> download(d, XLSX));
    }

    private static Response download(ExportService.Download d, String type) {
        return attachment(Response.ok(d.body(), type), d.fileName());
    }

    private static Response attachment(Response.ResponseBuilder ok, String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return ok.header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                .build();
    }
}
