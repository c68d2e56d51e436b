package io.budgetwatch.goals.departmentgoal;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.problem.Params;
import io.smallrye.mutiny.Uni;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/department-goals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "department goals", description = "部门整体绩效目标")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class DepartmentGoalResource {

    @Inject
    Caller caller;

    @Inject
    DepartmentGoalRepository goals;

    @GET
    @Operation(summary = "Department goals (部门整体绩效目标: duties of part 1) of an agency and fiscal year")
    public Uni<DepartmentGoals> get(@QueryParam("agency") String agency, @QueryParam("year") String year) {
        // the agency may be omitted by a caller who has exactly one
        String agencyCode = agency == null && caller.agencyFor(null) != null ? caller.agencyFor(null)
                : caller.agencyFor(Params.requiredAgency(agency, "agency"));
        int fiscalYear = Params.requiredYear(year, "year");
        return goals.latest(agencyCode, fiscalYear).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no-goal-document", "agency",
                        "预算单位 " + agencyCode + " 没有 " + fiscalYear + " 年度的绩效目标文档",
                        "Agency " + agencyCode + " has no goal document for fiscal year " + fiscalYear);
            }
            return found;
        });
    }
}
