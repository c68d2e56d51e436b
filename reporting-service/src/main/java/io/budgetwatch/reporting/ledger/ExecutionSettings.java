package io.budgetwatch.reporting.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where execution-service, the owner of the ledger, answers ({@link ExecutionLedgerClient}). */
@ConfigMapping(prefix = "budgetwatch.execution")
public interface ExecutionSettings {

    /** Base URL of execution-service (scheme, host, port; no path), e.g. {@code http://localhost:8082}. */
    @WithDefault("http://localhost:8082")
    URI url();

    /**
     * The longest a ledger call waits for execution-service's whole answer (connecting included); then the
     * caller gets 503 {@code ledger-unavailable}.
     */
    @WithDefault("3s")
    Duration timeout();
}
