package io.budgetwatch.reporting.selfevaluation;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/projects/{code}/self-evaluation")
@Produces(MediaType.APPLICATION_JSON)
public class SelfEvaluationResource {

    @Inject
    SelfEvaluationService selfEvaluation;

    @GET
    @Operation(summary = "Year-end self-evaluation (绩效自评): 100-point score, per level and indicator, grade and reasons")
    public Uni<SelfEvaluation> get(@PathParam("code") String code, @QueryParam("year") String year) {
        return selfEvaluation.evaluate(code, year);
    }
}
