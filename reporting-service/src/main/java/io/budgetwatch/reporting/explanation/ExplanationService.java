package io.budgetwatch.reporting.explanation;

import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Deviation explanations (偏差原因分析) of the projects a caller sees: checks an explanation against its project
 * (the project's indicators and fiscal year) and records it; a recorded one announces itself to the outbox relay.
 */
@ApplicationScoped
public class ExplanationService {

    @Inject
    ProjectAccess access;

    @Inject
    ProjectFactsRepository facts;

    @Inject
    StoredExplanations stored;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /**
     * Records the explanation of {@code request} about project {@code code} (404 {@code unknown-project} when the
     * caller does not see it). Two requests with one new id at once: the loser's insert fails on the key, and it is
     * answered as a retry (the stored one, or 409 when its content differs).
     */
    public Uni<StoredExplanations.Outcome> record(String code, ExplanationRequest request, Caller caller) {
        return access.requireVisible(code, caller)
                .chain(() -> Uni.createFrom().item(() -> Explanation.from(code, request)))
                .chain(e -> facts.load(List.of(code), ProjectFactsRepository.ALL_TIME).chain(list -> {
                    if (list.isEmpty()) {
                        return Uni.createFrom().failure(ProjectAccess.unknownProject(code));
                    }
                    ProjectFacts project = list.get(0);
                    check(e, project);
                    return stored.record(e, project.agencyCode(), project.fiscalYear(), caller, clock.instant())
                            .onFailure(ExplanationService::isDuplicateKey)
                            .recoverWithUni(() -> stored.record(e, project.agencyCode(), project.fiscalYear(),
                                    caller, clock.instant()));
                }))
                .invoke(outcome -> {
                    if (outcome.created()) {
                        outbox.nudge();
                    }
                });
    }

    /** A project's explanations, newest first. */
    public Uni<List<ExplanationView>> history(String code, LocalDate asOf, Integer indicatorSeq, Caller caller) {
        return access.requireVisible(code, caller).chain(() -> stored.history(code, asOf, indicatorSeq));
    }

    /**
     * The explanations in force at {@code asOf} of projects the caller has already been let see (the monitoring
     * form): per project code, per indicator seq or {@link StoredExplanations#FUNDS}.
     */
    public Uni<java.util.Map<String, java.util.Map<Integer, ExplanationView>>> latest(List<String> projectCodes,
                                                                                     LocalDate asOf) {
        return stored.latest(projectCodes, asOf);
    }

    /** One explanation of a project (404 {@code unknown-explanation} when the project has none of that id). */
    public Uni<ExplanationView> find(String code, String explanationId, Caller caller) {
        return access.requireVisible(code, caller).chain(() -> stored.find(code, explanationId)).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("unknown-explanation", "explanationId",
                        "该项目没有此偏差原因分析：" + explanationId,
                        "The project has no deviation explanation " + explanationId);
            }
            return view;
        });
    }

    /** What only the project can tell: the monitoring date in its fiscal year, the indicator one of its own. */
    static void check(Explanation e, ProjectFacts project) {
        if (e.monitoringDate().getYear() != project.fiscalYear()) {
            throw ProblemException.unprocessable("date-outside-fiscal-year", "monitoringDate",
                    "监控日期 " + e.monitoringDate() + " 不在项目的预算年度 " + project.fiscalYear() + " 内",
                    "The monitoring date " + e.monitoringDate() + " is not in the project's fiscal year "
                            + project.fiscalYear());
        }
        if (e.indicatorSeq() != null
                && project.indicators().stream().map(ProjectSnapshot.Indicator::seq)
                .noneMatch(seq -> seq == e.indicatorSeq())) {
            throw ProblemException.unprocessable("unknown-indicator", "indicatorId",
                    "项目 " + project.code() + " 没有序号为 " + e.indicatorSeq() + " 的绩效指标",
                    "Project " + project.code() + " has no indicator number " + e.indicatorSeq());
        }
    }

    /** A unique-key violation (SQLSTATE 23505) anywhere in the failure's causes. */
    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && "23505".equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
