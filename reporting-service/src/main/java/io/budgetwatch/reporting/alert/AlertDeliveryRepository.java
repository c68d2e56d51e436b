package io.budgetwatch.reporting.alert;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;

import java.time.Instant;
import java.util.List;

/** Webhook deliveries through Hibernate Reactive Panache: an alert's deliveries, the dispatcher's claim and outcome. */
@ApplicationScoped
public class AlertDeliveryRepository implements PanacheRepositoryBase<AlertDeliveryEntity, AlertDeliveryEntity.Key> {

    /** The deliveries of one alert, by webhook name. */
    Uni<List<AlertDeliveryEntity>> ofAlert(String alertId) {
        return list("id.alertId = ?1", Sort.by("id.webhook"), alertId);
    }

    /**
     * Up to {@code limit} pending deliveries due at {@code now}, earliest first, locked for this transaction; rows
     * another transaction (another replica) holds are skipped, not waited for ({@code FOR UPDATE SKIP LOCKED}: the
     * session's query, as a Panache query takes a JPA lock mode but not the skip-locked hint in its reactive form).
     */
    Uni<List<AlertDeliveryEntity>> lockDue(Instant now, int limit) {
        return getSession().chain(session -> session.createSelectionQuery("""
                        from AlertDeliveryEntity
                        where status = 'PENDING' and nextAttemptAt <= :now
                        order by nextAttemptAt""", AlertDeliveryEntity.class)
                .setParameter("now", now)
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .setMaxResults(limit)
                .getResultList());
    }
}
