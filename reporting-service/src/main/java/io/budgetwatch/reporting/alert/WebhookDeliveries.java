package io.budgetwatch.reporting.alert;

import io.budgetwatch.events.AlertEvent;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The webhook deliveries as the dispatcher claims and settles them (Hibernate Reactive Panache): at most a batch per
 * poll, one short transaction per claim and per outcome. The caller must be on a Vert.x context of its own (see
 * {@code Transactions.onOwnContext}).
 */
@ApplicationScoped
public class WebhookDeliveries {

    /** A webhook delivery claimed for an attempt: the alert as its event and the attempts so far (this one included). */
    public record ClaimedDelivery(String alertId, String webhook, int attempts, AlertEvent event) {
    }

    @Inject
    AlertDeliveryRepository deliveries;

    @Inject
    AlertRepository alerts;

    /**
     * Claims up to {@code limit} pending deliveries due at {@code now}: counts the attempt and leases the row until
     * {@code leaseUntil}, skipping rows another replica holds.
     */
    @WithTransaction
    public Uni<List<ClaimedDelivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return deliveries.lockDue(now, limit).flatMap(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(List.<ClaimedDelivery>of());
            }
            due.forEach(d -> d.claim(leaseUntil));
            Set<String> alertIds = due.stream().map(AlertDeliveryEntity::alertId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return alerts.byIds(alertIds).map(found -> {
                Map<String, AlertEntity> byId = found.stream()
                        .collect(Collectors.toMap(AlertEntity::id, Function.identity()));
                List<ClaimedDelivery> claimed = new ArrayList<>(due.size());
                for (AlertDeliveryEntity d : due) {
                    claimed.add(new ClaimedDelivery(d.alertId(), d.webhook(), d.attempts(),
                            byId.get(d.alertId()).toEvent()));
                }
                return claimed;
            });
        });
    }

    /** The outcome of an attempt; {@code nextAttempt} null keeps the lease's time. */
    @WithTransaction
    public Uni<Void> recordAttempt(String alertId, String webhook, String status, Integer httpStatus, String error,
                                   Instant nextAttempt, Instant now) {
        return deliveries.findById(new AlertDeliveryEntity.Key(alertId, webhook))
                .invoke(d -> {
                    if (d != null) {
                        d.record(status, httpStatus, error, nextAttempt, now);
                    }
                })
                .replaceWithVoid();
    }
}
