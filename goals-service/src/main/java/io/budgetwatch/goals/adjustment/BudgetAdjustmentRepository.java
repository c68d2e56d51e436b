package io.budgetwatch.goals.adjustment;

import io.budgetwatch.events.ProjectSnapshot.Budget;
import io.budgetwatch.goals.support.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The append-only budget history (a database trigger refuses UPDATE and DELETE). */
@ApplicationScoped
public class BudgetAdjustmentRepository {

    public static final String SOURCE_MANUAL = "manual";
    public static final String SOURCE_DOCUMENT = "document";

    public record AdjustmentWrite(String projectCode, Budget previous, Budget next, String reason,
                                  LocalDate effectiveOn, String adjustedBy, Instant recordedAt, String source,
                                  UUID documentId, Integer documentVersion, int projectVersion,
                                  String idempotencyKey, String requestSha256) {
    }

    /** A manual adjustment found by its Idempotency-Key, with the fingerprint of the request that made it. */
    public record Keyed(BudgetAdjustmentView adjustment, String requestSha256) {
    }

    /** Appends the adjustment with the next sequence number of the project (its row is locked); returns it. */
    public Uni<Integer> insert(SqlClient tx, AdjustmentWrite w) {
        return tx.preparedQuery("INSERT INTO budget_adjustment (project_code, seq, previous_total, previous_fiscal, "
                        + "previous_other, total, fiscal, other, reason, effective_on, adjusted_by, recorded_at, "
                        + "source, document_id, document_version, project_version, idempotency_key, request_sha256) "
                        + "VALUES ($1, (SELECT COALESCE(max(seq), 0) + 1 FROM budget_adjustment "
                        + "WHERE project_code = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                        + "$16, $17) RETURNING seq")
                .execute(Db.tuple(w.projectCode(), Db.num(w.previous().total()), Db.num(w.previous().fiscal()),
                        Db.num(w.previous().other()), Db.num(w.next().total()), Db.num(w.next().fiscal()),
                        Db.num(w.next().other()), w.reason(), w.effectiveOn(), w.adjustedBy(),
                        Db.ts(w.recordedAt()), w.source(), w.documentId(), w.documentVersion(), w.projectVersion(),
                        w.idempotencyKey(), w.requestSha256()))
                .map(rows -> rows.iterator().next().getInteger("seq"));
    }

    public Uni<List<BudgetAdjustmentView>> list(SqlClient client, String code) {
        return client.preparedQuery("SELECT * FROM budget_adjustment WHERE project_code = $1 ORDER BY seq")
                .execute(Tuple.of(code))
                .map(rows -> {
                    List<BudgetAdjustmentView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row)));
                    return list;
                });
    }

    public Uni<BudgetAdjustmentView> find(SqlClient client, String code, int seq) {
        return client.preparedQuery("SELECT * FROM budget_adjustment WHERE project_code = $1 AND seq = $2")
                .execute(Tuple.of(code, seq))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    public Uni<Keyed> findByKey(SqlClient client, String code, String key) {
        return client.preparedQuery("SELECT * FROM budget_adjustment WHERE project_code = $1 AND idempotency_key = $2")
                .execute(Tuple.of(code, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Keyed(view(row), row.getString("request_sha256"));
                });
    }

    private static BudgetAdjustmentView view(Row row) {
        return new BudgetAdjustmentView(row.getString("project_code"), row.getInteger("seq"),
                Db.decimal(row, "previous_total"), Db.decimal(row, "previous_fiscal"),
                Db.decimal(row, "previous_other"), Db.decimal(row, "total"), Db.decimal(row, "fiscal"),
                Db.decimal(row, "other"), row.getString("reason"), row.getLocalDate("effective_on"),
                row.getString("adjusted_by"), Db.instant(row, "recorded_at"), row.getString("source"),
                row.getUUID("document_id"), row.getInteger("document_version"), row.getInteger("project_version"));
    }
}
