package io.budgetwatch.common.audit;

import io.budgetwatch.common.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Appends to the audit trail in the caller's transaction (reactive SQL client or Hibernate Reactive
 * session), so a change and its record commit together; a refused authorisation in a transaction of
 * its own. Who, when (the injected clock), what, from where, result.
 */
@ApplicationScoped
public class AuditTrail {

    static final String INSERT = "INSERT INTO audit_record (recorded_at, actor_subject, actor_name, actor_roles, "
            + "actor_agencies, action, target, agency_code, summary, client_address, user_agent, result) "
            + "VALUES ($1, $2, $3, string_to_array($4, ','), string_to_array($5, ','), $6, $7, $8, $9, $10, $11, $12)";

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    public Uni<Void> record(SqlClient tx, Caller caller, AuditEntry entry) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(values(caller, entry)))).replaceWithVoid();
    }

    public Uni<Void> record(Mutiny.Session session, Caller caller, AuditEntry entry) {
        Object[] values = values(caller, entry);
        Mutiny.Query<Object> query = session.createNativeQuery(INSERT.replace("$", "?"));
        for (int i = 0; i < values.length; i++) {
            query.setParameter(i + 1, values[i]);
        }
        return query.executeUpdate().replaceWithVoid();
    }

    /** A refusal has no change to join: it is recorded on its own. */
    public Uni<Void> recordAlone(Caller caller, AuditEntry entry) {
        return record(pool, caller, entry);
    }

    private Object[] values(Caller caller, AuditEntry entry) {
        // roles and agency codes never hold a comma (names and [0-9A-Za-z] codes): joined, split by the statement
        return new Object[] {OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), caller.subject(),
                caller.name(), String.join(",", new java.util.TreeSet<>(caller.roles())),
                caller.agencies() == null ? null : String.join(",", caller.agencies()), entry.action(),
                entry.target(), entry.agencyCode(), entry.summary(), caller.address(), caller.userAgent(),
                entry.result()};
    }
}
