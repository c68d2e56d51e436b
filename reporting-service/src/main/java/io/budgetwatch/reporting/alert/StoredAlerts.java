package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.reporting.live.LiveNotices;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stored alerts as the API reads and acknowledges them (Hibernate Reactive Panache, human volume). Each method runs
 * in its own session, so an answer read after an acknowledgement comes from the database.
 */
@ApplicationScoped
public class StoredAlerts {

    /** What an acknowledgement found. */
    public enum Acknowledgement { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, UNKNOWN_ALERT, NOT_YOURS }

    @Inject
    AlertRepository alerts;

    @Inject
    AlertDeliveryRepository deliveries;

    @Inject
    AuditTrail audit;

    @Inject
    ExplanationLookup explanationProjects;

    /** Alerts newest first, at most 1000, without their deliveries. */
    @WithSession
    public Uni<List<AlertView>> list(AlertFilter filter, Lang lang) {
        return alerts.list(filter).map(list -> list.stream().map(a -> view(a, lang, null)).toList());
    }

    /** One alert with its webhook deliveries; null when there is no such alert. */
    @WithSession
    public Uni<AlertView> find(String id, Lang lang) {
        return alerts.findById(id).flatMap(alert -> alert == null ? Uni.createFrom().nullItem()
                : deliveries.ofAlert(id).map(list -> view(alert, lang, list.stream().map(StoredAlerts::view).toList())));
    }

    /**
     * Acknowledges the alert unless it was before (确认 is once only): the row is locked while it is checked and
     * changed, so of two acknowledgements at once the second finds it acknowledged. An alert of an agency the
     * caller does not see is {@code NOT_YOURS} and left alone (checked before whether it was acknowledged, so
     * that answer tells nothing). {@code explanationId} (optional) must name a deviation explanation of the alert's
     * project, else 422 {@code unknown-explanation}. The change and its audit record (who, from the token) commit
     * together.
     */
    @WithTransaction
    public Uni<Acknowledgement> acknowledge(String id, Instant at, String by, String comment, String explanationId,
                                            Caller caller) {
        return acknowledgeOne(id, at, by, comment, explanationId, caller);
    }

    /**
     * Acknowledges each alert of {@code ids} as {@link #acknowledge} does one (the same checks, change and audit
     * record per alert), all in one transaction: every acknowledgement commits or none does (an explanation that is
     * not of an alert's project fails them all with 422). The rows are locked in id order, so two bulk
     * acknowledgements at once cannot wait on each other. An alert of another agency is {@code NOT_YOURS}, recorded
     * as a refusal. The outcome per distinct id, in the order given.
     */
    @WithTransaction
    public Uni<Map<String, Acknowledgement>> acknowledgeAll(List<String> ids, Instant at, String by, String comment,
                                                            String explanationId, Caller caller) {
        Map<String, Acknowledgement> outcomes = new LinkedHashMap<>();
        ids.forEach(id -> outcomes.put(id, null));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : new TreeSet<>(outcomes.keySet())) {
            chain = chain.chain(() -> acknowledgeOne(id, at, by, comment, explanationId, caller)
                    .call(outcome -> outcome != Acknowledgement.NOT_YOURS ? Uni.createFrom().voidItem()
                            : alerts.getSession().chain(session -> audit.record(session, caller, AuditEntry.refused(
                            "alert.acknowledge", id, "alert " + id + " belongs to an agency not among the caller's"))))
                    .invoke(outcome -> outcomes.put(id, outcome))
                    .replaceWithVoid());
        }
        return chain.map(done -> outcomes);
    }

    /** One acknowledgement inside the caller's transaction. */
    private Uni<Acknowledgement> acknowledgeOne(String id, Instant at, String by, String comment,
                                                String explanationId, Caller caller) {
        return alerts.findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(alert -> {
            if (alert == null) {
                return Uni.createFrom().item(Acknowledgement.UNKNOWN_ALERT);
            }
            if (!caller.sees(alert.agencyCode())) {
                return Uni.createFrom().item(Acknowledgement.NOT_YOURS);
            }
            return requireExplanationOf(alert, explanationId).chain(() -> {
                if (alert.isAcknowledged()) {
                    return Uni.createFrom().item(Acknowledgement.ALREADY_ACKNOWLEDGED);
                }
                alert.acknowledge(at, by, comment, explanationId);
                return alerts.getSession()
                        .flatMap(session -> session.flush().chain(() -> audit.record(session, caller,
                                AuditEntry.done("alert.acknowledge", id, alert.agencyCode(),
                                        "确认人 " + by + "：" + comment + " (" + alert.severity() + " "
                                                + alert.rule() + ", project " + alert.projectCode()
                                                + (explanationId == null ? "" : ", 偏差原因分析 " + explanationId)
                                                + ")")))
                                .chain(() -> LiveNotices.send(session, LiveNotices.Kind.ALERT, new LiveNotices.Change(
                                        alert.agencyCode(), alert.fiscalYear(), alert.projectCode()))))
                        .replaceWith(Acknowledgement.ACKNOWLEDGED);
            });
        });
    }

    /** {@code explanationId} (when given) must be an explanation of the alert's project: else 422. */
    private Uni<Void> requireExplanationOf(AlertEntity alert, String explanationId) {
        if (explanationId == null) {
            return Uni.createFrom().voidItem();
        }
        return explanationProjects.projectOf(explanationId).map(project -> {
            if (!alert.projectCode().equals(project)) {
                throw ProblemException.unprocessable("unknown-explanation", "explanationId",
                        "预警所属项目 " + alert.projectCode() + " 没有偏差原因分析 " + explanationId,
                        "The alert's project " + alert.projectCode() + " has no deviation explanation "
                                + explanationId);
            }
            return null;
        });
    }

    private static AlertView view(AlertEntity a, Lang lang, List<AlertView.Delivery> deliveries) {
        AlertView.Acknowledgement ack = a.isAcknowledged()
                ? new AlertView.Acknowledgement(a.acknowledgedAt(), a.acknowledgedBy(), a.ackComment(),
                a.ackExplanationId()) : null;
        return new AlertView(a.id(), a.projectCode(), a.projectName(), a.agencyCode(), a.fiscalYear(), a.rule(),
                a.severity(), a.checkpoint(), a.asOf(), a.figures().getMap(), lang.pick(a.messageZh(), a.messageEn()),
                a.messageZh(), a.messageEn(), a.raisedAt(), ack, deliveries);
    }

    private static AlertView.Delivery view(AlertDeliveryEntity d) {
        return new AlertView.Delivery(d.webhook(), d.status(), d.attempts(), d.nextAttemptAt(), d.lastStatus(),
                d.lastError(), d.deliveredAt());
    }
}
