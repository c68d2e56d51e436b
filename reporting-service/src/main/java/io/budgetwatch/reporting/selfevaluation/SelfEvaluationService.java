package io.budgetwatch.reporting.selfevaluation;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.CostCapRule;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.progress.ProgressCalculator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The year-end self-evaluation (绩效自评) of a project from the read model. */
@ApplicationScoped
public class SelfEvaluationService {

    @Inject
    ProjectFactsRepository facts;

    /** {@code year}, as asked (may be null): must be the project's fiscal year. */
    public Uni<SelfEvaluation> evaluate(String code, String year) {
        return facts.fiscalYearOf(code)
                .flatMap(fiscalYear -> {
                    if (fiscalYear == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("unknown-project", "code",
                                "未知项目：" + code, "Unknown project: " + code));
                    }
                    Integer asked = Params.year(year, "year");
                    if (asked != null && !asked.equals(fiscalYear)) {
                        return Uni.createFrom().failure(ProblemException.badRequest("year-mismatch", "year",
                                "项目 " + code + " 属于 " + fiscalYear + " 年度",
                                "Project " + code + " belongs to fiscal year " + fiscalYear));
                    }
                    LocalDate yearEnd = LocalDate.of(fiscalYear, 12, 31);
                    // Executed up to 31 December; actuals as reported, including after the year (自评 is done in January).
                    return facts.load(List.of(code), yearEnd)
                            .flatMap(list -> facts.latestActuals(new String[] {code}, ProjectFactsRepository.ALL_TIME)
                                    .map(latest -> evaluate(list.get(0), latest.getOrDefault(code, Map.of()), yearEnd)));
                });
    }

    /** {@code f} as of the year end, judged by the latest actuals {@code reported} whenever they were reported. */
    private static SelfEvaluation evaluate(ProjectFacts f, Map<Integer, IndicatorActual> reported,
                                           LocalDate yearEnd) {
        Map<Integer, IndicatorActual> actuals = new HashMap<>();
        for (ProjectSnapshot.Indicator indicator : f.indicators()) {
            IndicatorActual actual = CostCapRule.actualToCompare(indicator, reported.get(indicator.seq()),
                    f.executed(), yearEnd);
            if (actual != null) {
                actuals.put(indicator.seq(), actual);
            }
        }
        BigDecimal rate = ProgressCalculator.rate(f.executed(), f.budget());
        return new SelfEvaluation(f.code(), f.name(), f.agencyCode(), f.fiscalYear(), f.budget(), f.executed(),
                SelfEvaluationCalculator.evaluate(rate, f.indicators(), actuals));
    }
}
