package io.budgetwatch.goals.adjustment;

import io.budgetwatch.events.ProjectSnapshot.Budget;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The append-only budget history, in the caller's session (a database trigger refuses UPDATE and DELETE). */
@ApplicationScoped
public class BudgetAdjustmentRepository implements PanacheRepositoryBase<BudgetAdjustment, BudgetAdjustment.Key> {

    public record AdjustmentWrite(String projectCode, Budget previous, Budget next, String reason,
                                  LocalDate effectiveOn, String adjustedBy, Instant recordedAt, String source,
                                  UUID documentId, Integer documentVersion, int projectVersion,
                                  String idempotencyKey, String requestSha256) {
    }

    /** A manual adjustment found by its Idempotency-Key, with the fingerprint of the request that made it. */
    public record Keyed(BudgetAdjustmentView adjustment, String requestSha256) {
    }

    /** Appends the adjustment with the next sequence number of the project (the caller holds its row lock). */
    public Uni<Integer> insert(AdjustmentWrite w) {
        return getSession()
                .flatMap(session -> session.createSelectionQuery("select coalesce(max(a.seq), 0) "
                                + "from BudgetAdjustment a where a.projectCode = :code", Integer.class)
                        .setParameter("code", w.projectCode())
                        .getSingleResult())
                .flatMap(last -> {
                    BudgetAdjustment a = new BudgetAdjustment();
                    a.projectCode = w.projectCode();
                    a.seq = last + 1;
                    a.previousTotal = w.previous().total();
                    a.previousFiscal = w.previous().fiscal();
                    a.previousOther = w.previous().other();
                    a.total = w.next().total();
                    a.fiscal = w.next().fiscal();
                    a.other = w.next().other();
                    a.reason = w.reason();
                    a.effectiveOn = w.effectiveOn();
                    a.adjustedBy = w.adjustedBy();
                    a.recordedAt = w.recordedAt();
                    a.source = w.source();
                    a.documentId = w.documentId();
                    a.documentVersion = w.documentVersion();
                    a.projectVersion = w.projectVersion();
                    a.idempotencyKey = w.idempotencyKey();
                    a.requestSha256 = w.requestSha256();
                    return persist(a).map(saved -> saved.seq);
                });
    }

    /** The adjustments of a project, oldest first. */
    public Uni<List<BudgetAdjustment>> ofProject(String code) {
        return list("projectCode", Sort.by("seq"), code);
    }

    public Uni<List<BudgetAdjustmentView>> list(String code) {
        return ofProject(code).map(list -> list.stream().map(BudgetAdjustmentRepository::view).toList());
    }

    public Uni<BudgetAdjustmentView> find(String code, int seq) {
        return findById(new BudgetAdjustment.Key(code, seq)).map(a -> a == null ? null : view(a));
    }

    public Uni<Keyed> findByKey(String code, String key) {
        return find("projectCode = ?1 and idempotencyKey = ?2", code, key).firstResult()
                .map(a -> a == null ? null : new Keyed(view(a), a.requestSha256));
    }

    static BudgetAdjustmentView view(BudgetAdjustment a) {
        return new BudgetAdjustmentView(a.projectCode, a.seq, a.previousTotal, a.previousFiscal, a.previousOther,
                a.total, a.fiscal, a.other, a.reason, a.effectiveOn, a.adjustedBy, a.recordedAt, a.source,
                a.documentId, a.documentVersion, a.projectVersion);
    }
}
