package io.budgetwatch.execution.ledger;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.execution.project.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger of one project: totals by fund source, execution rate, overspend, entries in ledger order. */
@Path("/api/projects/{code}/ledger")
@Tag(name = "ledger", description = "项目台账 / project ledger")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class LedgerResource {

    @Inject
    ProjectLedger ledger;

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Project ledger: budget, executed totals by fund source (执行数), execution rate, overspend "
            + "flag and entries in ledger order (page with afterSeq)")
    public Uni<ProjectLedger.LedgerView> ledger(@PathParam("code") String code,
                                                @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 0 || limit > 1000) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit 须在 0 至 1000 之间",
                    "limit must be between 0 and 1000");
        }
        // another agency's project answers 404, as one that does not exist
        access.requireVisible(code, caller);
        return ledger.page(code, afterSeq, limit);
    }
}
