package io.budgetwatch.reporting.rebuild;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The read-model rebuild: administrators only, audited (it touches every agency's figures). */
@Path("/api/admin/read-model/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {

    @Inject
    ReadModelRebuilder rebuilder;

    @Inject
    Caller caller;

    @POST
    @Blocking
    @Operation(summary = "Drop the read model (projects, ledger, indicator actuals) and replay it from the topics")
    public ReadModelRebuilder.Result rebuild() {
        try {
            return rebuilder.rebuild(caller.snapshot());
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("rebuild-running", null, "重建正在进行中", "A rebuild is already running");
        }
    }
}
