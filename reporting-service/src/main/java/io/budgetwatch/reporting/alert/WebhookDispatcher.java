package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.events.AlertEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Delivers alerts to the configured webhooks: HTTP POST of the {@link AlertEvent} JSON, signed with
 * HMAC-SHA256 over {@code "<timestamp>.<body>"} in {@code X-BudgetWatch-Signature: t=…,v1=…}. A failed
 * attempt is retried with exponential backoff up to the configured attempts; status is kept per alert
 * and webhook. Rows are claimed with a lease, so replicas do not deliver the same row at once.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    public static final String SIGNATURE_HEADER = "X-BudgetWatch-Signature";
    static final int BATCH = 50;

    @Inject
    Pool pool;

    @Inject
    AlertSettings settings;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

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
        OffsetDateTime now = now();
        OffsetDateTime lease = now.plus(settings.delivery().timeout()).plusSeconds(30);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE alert_delivery d SET next_attempt_at = $2, attempts = d.attempts + 1
                        FROM alert a
                        WHERE a.id = d.alert_id AND (d.alert_id, d.webhook) IN (
                            SELECT alert_id, webhook FROM alert_delivery
                            WHERE status = 'PENDING' AND next_attempt_at <= $1
                            ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING d.alert_id, d.webhook, d.attempts, a.*""")
                        .execute(Tuple.of(now, lease, BATCH)))
                .flatMap(rows -> {
                    List<Row> claimed = new java.util.ArrayList<>();
                    rows.forEach(claimed::add);
                    return Multi.createFrom().iterable(claimed)
                            .onItem().transformToUniAndMerge(this::attempt)
                            .collect().asList()
                            .map(done -> claimed.size());
                });
    }

    private Uni<Void> attempt(Row row) {
        String alertId = row.getString("alert_id");
        String webhook = row.getString("webhook");
        int attempts = row.getInteger("attempts");
        AlertSettings.Webhook hook = settings.webhooks().get(webhook);
        if (hook == null) {
            return record(alertId, webhook, "FAILED", null, "webhook no longer configured", null);
        }
        String body = outbox.toJson(event(row));
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
                    return record(alertId, webhook, "PENDING", status, error, now().plus(backoff(attempts)));
                });
    }

    /** initial × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        Duration delay = settings.delivery().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(settings.delivery().maxBackoff()) > 0 ? settings.delivery().maxBackoff() : delay;
    }

    private Uni<Void> record(String alertId, String webhook, String status, Integer httpStatus, String error,
                             OffsetDateTime nextAttempt) {
        OffsetDateTime now = now();
        return pool.preparedQuery("""
                        UPDATE alert_delivery SET status = $3, last_status = $4, last_error = $5,
                            next_attempt_at = COALESCE($6, next_attempt_at),
                            delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $7 ELSE delivered_at END
                        WHERE alert_id = $1 AND webhook = $2""")
                .execute(Tuple.from(java.util.Arrays.asList(alertId, webhook, status, httpStatus, error, nextAttempt, now)))
                .replaceWithVoid();
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

    private static AlertEvent event(Row row) {
        Object figures = row.getValue("figures");
        JsonObject json = figures instanceof JsonObject o ? o : new JsonObject(String.valueOf(figures));
        Map<String, String> map = new HashMap<>();
        json.forEach(e -> map.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
        LocalDate checkpoint = row.getLocalDate("checkpoint");
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, row.getString("id"), row.getString("id"),
                row.getString("project_code"), row.getString("agency_code"), row.getInteger("fiscal_year"),
                row.getString("project_name"), row.getString("rule"), row.getString("severity"), checkpoint,
                row.getLocalDate("as_of"), map, row.getString("message_zh"), row.getString("message_en"),
                row.getOffsetDateTime("raised_at").toInstant());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
