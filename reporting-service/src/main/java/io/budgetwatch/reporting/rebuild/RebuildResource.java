package io.budgetwatch.reporting.rebuild;

import io.budgetwatch.common.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/admin/read-model/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    @Inject
    ReadModelRebuilder rebuilder;

    @POST
    @Blocking
    @Operation(summary = "Drop the read model (projects, ledger, indicator actuals) and replay it from the topics")
    public ReadModelRebuilder.Result rebuild() {
        try {
            return rebuilder.rebuild();
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("rebuild-running", null, "重建正在进行中", "A rebuild is already running");
        }
    }
}
