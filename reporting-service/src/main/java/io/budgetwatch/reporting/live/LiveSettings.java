package io.budgetwatch.reporting.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The live stream ({@code GET /api/live}). */
@ConfigMapping(prefix = "budgetwatch.live")
public interface LiveSettings {

    /** A {@code : ping} comment this often on every stream, so proxies and the browser keep it open. */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * Messages waiting for one client that reads too slowly; one more ends its stream (the browser's EventSource
     * connects again after {@link #reconnectDelay()} and the page re-fetches), the other clients are not held up.
     * A transaction sends at most one notice per agency and year it touched (beyond 20 projects of one), so this
     * lets a caller who sees every agency take a totals batch touching 2 000 agencies at once (about 400 KB at most).
     */
    @WithDefault("4096")
    int clientBuffer();

    /** The {@code retry:} a stream starts with: how long a browser waits before connecting again. */
    @WithDefault("3s")
    Duration reconnectDelay();

    /** The listener's longest wait between two attempts to connect again to PostgreSQL. */
    @WithDefault("30s")
    Duration maxReconnectBackoff();
}
