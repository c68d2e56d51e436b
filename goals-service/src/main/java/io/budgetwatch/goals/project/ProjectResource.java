package io.budgetwatch.goals.project;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.problem.Params;
import io.smallrye.mutiny.Uni;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projects", description = "项目: budget, disbursement plan, indicators, goals, versions")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class ProjectResource {

    @Inject
    ProjectRepository projects;

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List projects, optionally of one agency (预算单位) and fiscal year")
    public Uni<List<ProjectSummary>> list(@QueryParam("agency") String agency, @QueryParam("year") String year) {
        return projects.list(caller.agencyFor(Params.agency(agency, "agency")), Params.year(year, "year"),
                caller.agencyFilter());
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One project: current and original budget, plan, indicators (raw and parsed targets), "
            + "goal lines, version, adjustments, quality warnings")
    public Uni<ProjectDetail> get(@PathParam("code") String code, HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return projects.load(Params.projectCode(code))
                .map(state -> {
                    if (state == null) {
                        throw ProjectProblems.notFound(code);
                    }
                    if (!(caller.sees(state.agencyCode()) || caller.sees(state.documentAgencyCode()))) {
                        throw AccessProblems.hidden(ProjectProblems.notFound(code), "project " + code);
                    }
                    return ProjectDetail.of(state, lang);
                });
    }

    @GET
    @Path("{code}/versions")
    @Operation(summary = "The versions of a project and what caused each")
    public Uni<List<ProjectVersionInfo>> versions(@PathParam("code") String code) {
        String projectCode = Params.projectCode(code);
        return access.requireVisible(projectCode, caller).chain(() -> projects.versions(projectCode)).map(list -> {
            if (list.isEmpty()) {
                throw ProjectProblems.notFound(code);
            }
            return list;
        });
    }

    @GET
    @Path("{code}/versions/{version}")
    @Operation(summary = "The full snapshot of one project version, exactly as published on goals.projects")
    public Uni<Response> version(@PathParam("code") String code, @PathParam("version") String version) {
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-version", "version", "版本号须为正整数：" + version,
                    "The version must be a positive integer: " + version);
        }
        String projectCode = Params.projectCode(code);
        return access.requireVisible(projectCode, caller).chain(() -> projects.versionSnapshot(projectCode, number))
                .map(json -> {
            if (json == null) {
                throw ProblemException.notFound("project-version-not-found", "version",
                        "项目 " + code + " 没有第 " + version + " 版", "Project " + code + " has no version " + version);
            }
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
        });
    }
}
