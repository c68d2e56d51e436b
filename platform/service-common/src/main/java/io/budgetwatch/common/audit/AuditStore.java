package io.budgetwatch.common.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Reads the audit trail, newest first, a page at a time. */
@ApplicationScoped
public class AuditStore {

    @Inject
    Pool pool;

    /** One record as the API shows it. */
    public record AuditView(long id, OffsetDateTime recordedAt, String actorSubject, String actorName,
                            List<String> actorRoles, List<String> actorAgencies, String action, String target,
                            String agencyCode, String summary, String clientAddress, String userAgent,
                            String result) {
    }

    /**
     * Filters, each optional; {@code scope} null for every agency, else only records about those agencies
     * (a record about no agency, such as a setting or a rebuild, is for callers who see every agency).
     */
    public record Filter(OffsetDateTime from, OffsetDateTime before, String actor, String agency, String action,
                         Set<String> scope) {
    }

    public Uni<List<AuditView>> page(Filter f, int limit, int offset) {
        return pool.preparedQuery("""
                        SELECT * FROM audit_record
                        WHERE ($1::timestamptz IS NULL OR recorded_at >= $1)
                          AND ($2::timestamptz IS NULL OR recorded_at < $2)
                          AND ($3::text IS NULL OR actor_subject = $3 OR actor_name = $3)
                          AND ($4::text IS NULL OR agency_code = $4)
                          AND ($5::text IS NULL OR action = $5)
                          AND ($6::text[] IS NULL OR agency_code = ANY($6))
                        ORDER BY recorded_at DESC, id DESC LIMIT $7 OFFSET $8""")
                .execute(Tuple.from(Arrays.asList(f.from(), f.before(), f.actor(), f.agency(), f.action(),
                        f.scope() == null ? null : f.scope().toArray(String[]::new), limit, offset)))
                .map(rows -> {
                    List<AuditView> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new AuditView(row.getLong("id"), row.getOffsetDateTime("recorded_at"),
                                row.getString("actor_subject"), row.getString("actor_name"),
                                List.of(row.getArrayOfStrings("actor_roles")),
                                row.getArrayOfStrings("actor_agencies") == null ? null
                                        : List.of(row.getArrayOfStrings("actor_agencies")),
                                row.getString("action"), row.getString("target"), row.getString("agency_code"),
                                row.getString("summary"), row.getString("client_address"),
                                row.getString("user_agent"), row.getString("result")));
                    }
                    return list;
                });
    }
}
