package io.budgetwatch.reporting.explanation;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.DeviationExplanationEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.alert.AlertRepository;
import io.budgetwatch.reporting.live.LiveNotices;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored deviation explanations (Hibernate Reactive Panache). Recording one is one transaction: the row, its
 * audit record and its {@code reporting.deviation-explanations} outbox event commit together or not at all; an id
 * stored before is never overwritten.
 */
@ApplicationScoped
public class StoredExplanations {

    /** What recording found: a new explanation, or the one stored before under the same id with the same content. */
    public record Outcome(boolean created, ExplanationView explanation) {
    }

    @Inject
    ExplanationRepository explanations;

    @Inject
    AlertRepository alerts;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    /**
     * Stores {@code e} about a project of {@code agencyCode} and {@code fiscalYear} unless its id is stored: then the
     * same content answers the stored one and different content is 409 {@code explanation-conflict}.
     */
    @WithTransaction
    public Uni<Outcome> record(Explanation e, String agencyCode, int fiscalYear, Caller caller, Instant at) {
        return explanations.findById(e.id()).flatMap(existing -> {
            if (existing != null) {
                if (caller.sees(existing.agencyCode()) && e.sameContentAs(existing)) {
                    return Uni.createFrom().item(new Outcome(false, ExplanationView.of(existing, null)));
                }
                return Uni.createFrom().failure(conflict(e.id()));
            }
            return checkAlert(e).chain(() -> {
                ExplanationEntity entity = new ExplanationEntity(e, agencyCode, fiscalYear, caller.name(),
                        caller.subject(), at);
                return explanations.persist(entity)
                        .chain(() -> explanations.getSession())
                        .flatMap(session -> session.flush()
                                .chain(() -> audit.record(session, caller, AuditEntry.done(
                                        "deviation-explanation.record", e.id(), agencyCode, summary(entity))))
                                .chain(() -> outbox.enqueue(session, Topics.DEVIATION_EXPLANATIONS,
                                        entity.projectCode(), DeviationExplanationEvent.eventIdOf(e.id()),
                                        toEvent(entity)))
                                .chain(() -> LiveNotices.send(session, LiveNotices.Kind.EXPLANATION,
                                        new LiveNotices.Change(agencyCode, fiscalYear, entity.projectCode()))))
                        .replaceWith(() -> new Outcome(true, ExplanationView.of(entity, null)));
            });
        });
    }

    /** A project's explanations newest first, each marked superseded when a later one has its indicator and date. */
    @WithSession
    public Uni<List<ExplanationView>> history(String projectCode, LocalDate asOf, Integer indicatorSeq) {
        return explanations.history(projectCode, asOf, indicatorSeq).map(list -> {
            Set<String> shown = new HashSet<>();
            List<ExplanationView> views = new ArrayList<>(list.size());
            for (ExplanationEntity e : list) {
                boolean first = shown.add(e.indicatorSeq() + "@" + e.monitoringDate());
                views.add(ExplanationView.of(e, !first));
            }
            return views;
        });
    }

    /**
     * Per project, the explanation in force at {@code asOf} of each indicator and of the funds: of the latest
     * monitoring date up to {@code asOf}, the last recorded (never a superseded one). Keyed by project code, then by
     * {@link #FUNDS} or the indicator's seq.
     */
    @WithSession
    public Uni<Map<String, Map<Integer, ExplanationView>>> latest(List<String> projectCodes, LocalDate asOf) {
        if (projectCodes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return explanations.latestFirst(projectCodes, asOf).map(list -> {
            Map<String, Map<Integer, ExplanationView>> latest = new LinkedHashMap<>();
            for (ExplanationEntity e : list) {
                latest.computeIfAbsent(e.projectCode(), c -> new LinkedHashMap<>())
                        .putIfAbsent(e.indicatorSeq() == null ? FUNDS : e.indicatorSeq(), ExplanationView.of(e, false));
            }
            return latest;
        });
    }

    /** The key of the funds' explanation in {@link #latest} (indicator seqs start at 1). */
    public static final int FUNDS = 0;

    /** One explanation of the project; null when the project has none of that id. */
    @WithSession
    public Uni<ExplanationView> find(String projectCode, String explanationId) {
        return explanations.findById(explanationId).map(e -> e == null || !e.projectCode().equals(projectCode)
                ? null : ExplanationView.of(e, null));
    }

    /** The alert an explanation answers must be one of its project's. */
    private Uni<Void> checkAlert(Explanation e) {
        if (e.alertId() == null) {
            return Uni.createFrom().voidItem();
        }
        return alerts.findById(e.alertId()).map(alert -> {
            if (alert == null || !alert.projectCode().equals(e.projectCode())) {
                throw ProblemException.unprocessable("unknown-alert", "alertId",
                        "该项目没有此预警：" + e.alertId(), "The project has no alert " + e.alertId());
            }
            return null;
        });
    }

    static ProblemException conflict(String id) {
        return ProblemException.conflict("explanation-conflict", "explanationId",
                "说明编号 " + id + " 已用于另一份偏差原因分析；已记录的不会被覆盖，新的说明请使用新编号",
                "The explanation id " + id + " was used for a different explanation; what is recorded is never "
                        + "overwritten: give a new explanation a new id");
    }

    private static String summary(ExplanationEntity e) {
        StringBuilder s = new StringBuilder("偏差原因分析 项目 ").append(e.projectCode()).append(" 监控日期 ")
                .append(e.monitoringDate());
        if (e.indicatorSeq() != null) {
            s.append(" 指标 ").append(e.indicatorSeq()).append(" 全年预计完成值 ").append(e.expectedText());
        } else {
            s.append(" 全年预计执行数 ").append(e.expectedAmount().toPlainString()).append(" 元");
        }
        s.append("，完成目标可能性 ").append(e.likelihood()).append("，原因类别 ").append(e.causes().keySet());
        if (e.alertId() != null) {
            s.append("，答复预警 ").append(e.alertId());
        }
        return s.toString();
    }

    static DeviationExplanationEvent toEvent(ExplanationEntity e) {
        Map<String, String> causes = new LinkedHashMap<>();
        e.causes().forEach((cause, text) -> causes.put(cause.name(), text));
        return new DeviationExplanationEvent(DeviationExplanationEvent.SCHEMA_VERSION,
                DeviationExplanationEvent.eventIdOf(e.explanationId()), e.explanationId(), e.projectCode(),
                e.agencyCode(), e.fiscalYear(), e.monitoringDate(), e.indicatorSeq(), causes, e.likelihood(),
                e.expectedAmount(), e.expectedText(), e.expectedValue(), e.correctiveMeasures(), e.alertId(),
                e.recordedBy(), e.recordedAt());
    }
}
