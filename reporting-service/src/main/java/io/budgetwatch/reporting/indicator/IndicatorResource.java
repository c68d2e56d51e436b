package io.budgetwatch.reporting.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.evaluation.TargetEvaluator;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Indicators vs targets of one project, for readers who see its agency (another agency's project: 404). */
@Path("/api/projects/{code}/indicators")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class IndicatorResource {

    @Inject
    ProjectAccess access;

    @Inject
    Caller caller;

    @Inject
    ProjectFactsRepository facts;

    @Inject
    Clock clock;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IndicatorStatus(int seq, String level1, String level2, String level3, String description,
                                  String targetRaw, ProjectSnapshot.Target target, Actual actual,
                                  TargetEvaluator.Verdict verdict,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal achievementPercent,
                                  String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actual(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value, String unit,
                         IndicatorActual.Assessment assessment, LocalDate reportedOn, IndicatorActual.Source source) {
    }

    @GET
    @Operation(summary = "Each indicator with its latest actual (as of a date) and whether its target is met")
    public Uni<List<IndicatorStatus>> list(@PathParam("code") String code, @QueryParam("asOf") String asOf,
                                           HttpHeaders headers) {
        LocalDate parsed = Params.date(asOf, "asOf");
        LocalDate date = parsed != null ? parsed : LocalDate.now(clock);
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return access.requireVisible(code, caller).chain(() -> facts.load(List.of(code), date)).map(list -> {
            if (list.isEmpty()) {
                throw ProjectAccess.unknownProject(code);
            }
            ProjectFacts f = list.get(0);
            List<IndicatorStatus> result = new ArrayList<>();
            for (ProjectSnapshot.Indicator indicator : f.indicators()) {
                IndicatorActual actual = f.actualFor(indicator, date);
                TargetEvaluator.Evaluation e = TargetEvaluator.evaluate(indicator.target(), actual);
                result.add(new IndicatorStatus(indicator.seq(), indicator.level1(), indicator.level2(),
                        indicator.level3(), indicator.description(), indicator.targetRaw(), indicator.target(),
                        actual == null ? null : new Actual(actual.value(), actual.unit(), actual.assessment(),
                                actual.reportedOn(), actual.source()),
                        e.verdict(), e.achievementPercent(), lang.pick(e.reasonZh(), e.reasonEn())));
            }
            return result;
        });
    }
}
