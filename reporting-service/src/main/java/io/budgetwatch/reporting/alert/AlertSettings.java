package io.budgetwatch.reporting.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Deviation rules and alert delivery. Lag thresholds are those of {@code budgetwatch.progress}
 * (lag-warning-points, lag-critical-points), so the status and the alert never disagree.
 */
@ConfigMapping(prefix = "budgetwatch.alerts")
public interface AlertSettings {

    /** Execution rate and indicator achievement differing by more than this many points: warning. */
    @WithDefault("10")
    BigDecimal achievementGapPoints();

    /** Year-end forecast of the execution rate below this percent: warning. */
    @WithDefault("90")
    BigDecimal forecastWarningPercent();

    /** Year-end forecast below this percent: critical. */
    @WithDefault("70")
    BigDecimal forecastCriticalPercent();

    /** How often the scheduler looks for checkpoints that have passed. */
    @WithDefault("60s")
    Duration evaluationInterval();

    /** Delay of the first automatic evaluation after start (lets the consumers catch up with the topics). */
    @WithDefault("60s")
    Duration initialDelay();

    /** Turns the automatic evaluation off (POST /api/alerts/evaluate still works). */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** Webhooks that receive every alert: {@code budgetwatch.alerts.webhooks.<name>.url/secret}. */
    Map<String, Webhook> webhooks();

    Delivery delivery();

    interface Webhook {
        String url();

        /** Shared secret for the HMAC-SHA256 signature header. */
        String secret();

        /** Only alerts at least this severe (WARNING or CRITICAL). */
        Optional<String> minSeverity();
    }

    interface Delivery {
        /** Turns the background delivery loop off (deliveries stay PENDING). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("10")
        int maxAttempts();

        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        @WithDefault("5s")
        Duration timeout();

        @WithDefault("1s")
        Duration pollInterval();
    }
}
