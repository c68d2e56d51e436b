package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.persistence.Transactions;
import io.budgetwatch.events.AlertEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Delivers alerts to the configured webhooks: HTTP POST of the {@link AlertEvent} JSON, signed with
 * HMAC-SHA256 over {@code "<timestamp>.<body>"} in {@code X-BudgetWatch-Signature: t=…,v1=…}. A failed
 * attempt is retried with exponential backoff up to the configured attempts; status is kept per alert
 * and webhook. Rows are claimed with a lease, so replicas do not deliver the same row at once. The rows are read and
 * written through {@link WebhookDeliveries} (Hibernate Reactive Panache), each claim and each outcome in a session of
 * its own on a context of its own ({@link Transactions#onOwnContext}): the poll comes from the scheduler (or a test) and an
 * outcome from the HTTP client's threads, neither of them a request's context.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    public static final String SIGNATURE_HEADER = "X-BudgetWatch-Signature";
    static final int BATCH = 50;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    Transactions transactions;

    @Inject
    AlertSettings settings;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Scheduled(every = "${budgetwatch.alerts.delivery.poll-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!settings.delivery().enabled() || settings.webhooks().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return deliverDue().replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf("Webhook delivery round failed: %s", e.toString());
            return null;
        });
    }

    /** Attempts every delivery that is due now; returns how many were attempted. */
    public Uni<Integer> deliverDue() {
        Instant now = clock.instant();
        Instant lease = now.plus(settings.delivery().timeout()).plusSeconds(30);
        return transactions.onOwnContext(() -> deliveries.claimDue(now, lease, BATCH))
                .flatMap(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndMerge(this::attempt)
                        .collect().asList()
                        .map(done -> claimed.size()));
    }

    private Uni<Void> attempt(WebhookDeliveries.ClaimedDelivery delivery) {
        String alertId = delivery.alertId();
        String webhook = delivery.webhook();
        int attempts = delivery.attempts();
        AlertSettings.Webhook hook = settings.webhooks().get(webhook);
        if (hook == null) {
            return record(alertId, webhook, "FAILED", null, "webhook no longer configured", null);
        }
        String body = outbox.toJson(delivery.event());
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(settings.delivery().timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-BudgetWatch-Event-Id", alertId)
                .header(SIGNATURE_HEADER, "t=" + timestamp + ",v1=" + sign(hook.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return record(alertId, webhook, "DELIVERED", response.statusCode(), null, null);
                    }
                    Integer status = failure == null ? response.statusCode() : null;
                    String error = failure == null ? "HTTP " + response.statusCode() : failure.toString();
                    if (attempts >= settings.delivery().maxAttempts()) {
                        LOG.warnf("Giving up delivering %s to %s after %d attempts: %s", alertId, webhook, attempts, error);
                        return record(alertId, webhook, "FAILED", status, error, null);
                    }
                    return record(alertId, webhook, "PENDING", status, error, clock.instant().plus(backoff(attempts)));
                });
    }

    /** initial × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        Duration delay = settings.delivery().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(settings.delivery().maxBackoff()) > 0 ? settings.delivery().maxBackoff() : delay;
    }

    private Uni<Void> record(String alertId, String webhook, String status, Integer httpStatus, String error,
                             Instant nextAttempt) {
        Instant now = clock.instant();
        return transactions.onOwnContext(
                () -> deliveries.recordAttempt(alertId, webhook, status, httpStatus, error, nextAttempt, now))
                .invoke(() -> count(webhook, status));
    }

    /** Counts an attempt whose outcome was stored: delivered, or failed (to be retried, or given up). */
    private void count(String webhook, String status) {
        if ("DELIVERED".equals(status)) {
            Counter.builder("budgetwatch.webhook.deliveries").description("Alert webhook deliveries that succeeded (2xx)")
                    .tags("webhook", webhook).register(registry).increment();
        } else {
            Counter.builder("budgetwatch.webhook.failures")
                    .description("Failed alert webhook attempts; outcome retry (attempted again later) or gave-up")
                    .tags("webhook", webhook, "outcome", "PENDING".equals(status) ? "retry" : "gave-up")
                    .register(registry).increment();
        }
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
