package io.budgetwatch.reporting.project;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
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

import java.time.Clock;
import java.time.LocalDate;

/**
 * The project page's facts for the readers (planner, manager, supervisor, auditor): another agency's project
 * answers 404 exactly as an unknown one ({@link ProjectAccess}). The class path is {@code /api}, as other resources
 * that answer under {@code /api/projects/{code}/...}: a class path {@code /api/projects/{code}} would be chosen for
 * their URLs too (the longest class path wins) and answer them 404.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class ProjectResource {

    @Inject
    ProjectAccess access;

    @Inject
    ProjectFactsRepository facts;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @GET
    @Path("/projects/{code}")
    @Operation(summary = "One project: name, agency, purpose, goals, plan, budget (current and 年初预算数) and its "
            + "adjustments, from the latest snapshot")
    public Uni<ProjectDetail> get(@PathParam("code") String code, @QueryParam("asOf") String asOf) {
        String projectCode = Params.projectCode(code);
        LocalDate requested = Params.date(asOf, "asOf");
        return access.requireVisible(projectCode, caller)
                .chain(() -> facts.snapshot(projectCode))
                .map(snapshot -> {
                    if (snapshot == null) {
                        throw ProjectAccess.unknownProject(projectCode);
                    }
                    LocalDate today = LocalDate.now(clock);
                    LocalDate yearEnd = LocalDate.of(snapshot.fiscalYear(), 12, 31);
                    LocalDate date = requested != null ? requested : today.isAfter(yearEnd) ? yearEnd : today;
                    return ProjectDetail.of(snapshot, date);
                });
    }
}
