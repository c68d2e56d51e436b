package io.budgetwatch.goals.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.common.persistence.Transactions;
import io.budgetwatch.goals.document.parse.QualityWarning;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stored goal documents (append-only), their quality warnings and import reports. Writes take part in
 * the caller's transaction; reads join the caller's session or open one. Listings read the metadata
 * columns only, never the original bytes.
 */
@ApplicationScoped
public class GoalDocumentRepository implements PanacheRepositoryBase<GoalDocument, UUID> {

    @Inject
    Transactions transactions;

    @Inject
    ObjectMapper mapper;

    /** The latest stored version for an agency and year. */
    public record Latest(UUID id, int version, String sha256, ImportReport report) {
    }

    /** The bytes as received. */
    public record Original(String mediaType, byte[] bytes, String agencyCode, int fiscalYear, int version) {
    }

    public Uni<Latest> latest(String agencyCode, int fiscalYear) {
        return getSession().flatMap(session -> session.createSelectionQuery("select d.id, d.version, d.sha256, "
                                + "d.report from GoalDocument d where d.agencyCode = :agency and d.fiscalYear = :year "
                                + "order by d.version desc", Object[].class)
                        .setParameter("agency", agencyCode)
                        .setParameter("year", fiscalYear)
                        .setMaxResults(1)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Latest((UUID) rows.get(0)[0], (Integer) rows.get(0)[1],
                        (String) rows.get(0)[2], report((String) rows.get(0)[3])));
    }

    public Uni<Void> insert(ImportReport report, byte[] original) {
        GoalDocument d = new GoalDocument();
        d.id = report.documentId();
        d.agencyCode = report.agencyCode();
        d.fiscalYear = report.fiscalYear();
        d.version = report.version();
        d.mediaType = report.mediaType();
        d.sizeBytes = original.length;
        d.sha256 = report.sha256();
        d.original = original;
        d.receivedAt = report.receivedAt();
        d.report = toJson(report);
        return persist(d).replaceWithVoid();
    }

    public Uni<Void> insertWarnings(UUID documentId, List<QualityWarning> warnings) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < warnings.size(); i++) {
            QualityWarning w = warnings.get(i);
            DocumentWarning row = new DocumentWarning();
            row.documentId = documentId;
            row.seq = i + 1;
            row.projectCode = w.projectCode();
            row.indicatorSeq = w.indicatorSeq();
            row.indicatorName = w.indicatorName();
            row.rule = w.rule();
            row.messageZh = w.messageZh();
            row.messageEn = w.messageEn();
            rows.add(row);
        }
        return getSession().flatMap(session -> session.persistAll(rows.toArray()));
    }

    /** The metadata of a document, its agency's name and whether it is the latest version. */
    private static final String META = "select d.id, d.agencyCode, a.name, d.fiscalYear, d.version, "
            + "d.mediaType, d.sizeBytes, d.sha256, d.receivedAt, d.report, "
            + "(select max(x.version) from GoalDocument x where x.agencyCode = d.agencyCode "
            + "and x.fiscalYear = d.fiscalYear) "
            + "from GoalDocument d join Agency a on a.code = d.agencyCode ";

    private record Meta(UUID id, String agencyCode, String agencyName, int fiscalYear, int version, boolean latest,
                        String mediaType, int sizeBytes, String sha256, Instant receivedAt, String report) {

        static Meta of(Object[] r) {
            return new Meta((UUID) r[0], (String) r[1], (String) r[2], (Integer) r[3], (Integer) r[4],
                    r[4].equals(r[10]), (String) r[5], (Integer) r[6], (String) r[7], (Instant) r[8], (String) r[9]);
        }
    }

    public Uni<GoalDocumentView> find(UUID id) {
        return transactions.inSession(() -> getSession().flatMap(session -> session.createSelectionQuery(
                                META + "where d.id = :id", Object[].class)
                        .setParameter("id", id)
                        .getResultList()))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Meta m = Meta.of(rows.get(0));
                    return new GoalDocumentView(m.id(), m.agencyCode(), m.agencyName(), m.fiscalYear(), m.version(),
                            m.latest(), m.mediaType(), m.sizeBytes(), m.sha256(), m.receivedAt(), originalUrl(m.id()),
                            report(m.report()));
                });
    }

    /** Document versions of an agency and year (both optional), of the agencies in scope (null: all). */
    public Uni<List<GoalDocumentSummary>> list(String agencyCode, Integer fiscalYear, Set<String> scope) {
        StringBuilder hql = new StringBuilder(META).append("where 1 = 1");
        if (agencyCode != null) {
            hql.append(" and d.agencyCode = :agency");
        }
        if (fiscalYear != null) {
            hql.append(" and d.fiscalYear = :year");
        }
        if (scope != null) {
            hql.append(" and d.agencyCode in :scope");
        }
        hql.append(" order by d.fiscalYear, d.agencyCode, d.version");
        return transactions.inSession(() -> getSession().flatMap(session -> {
                    Mutiny.SelectionQuery<Object[]> query = session.createSelectionQuery(hql.toString(),
                            Object[].class);
                    if (agencyCode != null) {
                        query.setParameter("agency", agencyCode);
                    }
                    if (fiscalYear != null) {
                        query.setParameter("year", fiscalYear);
                    }
                    if (scope != null) {
                        query.setParameter("scope", scope.isEmpty() ? Set.of("") : scope);
                    }
                    return query.getResultList();
                }))
                .map(rows -> {
                    List<GoalDocumentSummary> list = new ArrayList<>();
                    for (Object[] row : rows) {
                        Meta m = Meta.of(row);
                        ImportReport report = report(m.report());
                        list.add(new GoalDocumentSummary(m.id(), m.agencyCode(), m.agencyName(), m.fiscalYear(),
                                m.version(), m.latest(), m.mediaType(), m.sizeBytes(), m.sha256(), m.receivedAt(),
                                report.projectCount(), report.indicatorCount(), report.totalBudget(),
                                report.warningCount(), originalUrl(m.id())));
                    }
                    return list;
                });
    }

    public Uni<Original> original(UUID id) {
        return transactions.inSession(() -> findById(id))
                .map(d -> d == null ? null
                        : new Original(d.mediaType, d.original, d.agencyCode, d.fiscalYear, d.version));
    }

    static String originalUrl(UUID id) {
        return "/api/goal-documents/" + id + "/original";
    }

    String toJson(ImportReport report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Import report cannot be serialized", e);
        }
    }

    ImportReport report(String json) {
        try {
            return mapper.readValue(json, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored import report cannot be read", e);
        }
    }
}
