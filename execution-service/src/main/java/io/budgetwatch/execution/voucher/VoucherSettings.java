package io.budgetwatch.execution.voucher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Treasury vouchers of the integrated budget system: treasury.pay-vouchers and the fund type table. */
@ConfigMapping(prefix = "budgetwatch.execution.pay-vouchers")
public interface VoucherSettings {

    /** Consume treasury.pay-vouchers (POST /api/pay-vouchers works either way). */
    @WithDefault("true")
    boolean consumerEnabled();

    /** Kafka consumer group (all replicas share it). */
    @WithDefault("execution-service")
    String groupId();

    /** Most records per batch (= per database transaction). */
    @WithDefault("1000")
    int maxBatch();

    @WithDefault("200ms")
    Duration pollTimeout();

    /** Longest a batch transaction may take before it is failed and retried. */
    @WithDefault("60s")
    Duration batchTimeout();

    /** First pause after a failed batch (doubles up to 30 s while failures repeat). */
    @WithDefault("500ms")
    Duration retryBackoff();

    /**
     * FUND_TYPE_CODE (资金性质) to the fund source counted: FISCAL (财政资金) or OTHER (其他资金). Exact codes only: a
     * code not listed is refused as unknown-fund-type, never guessed. The default table is in
     * application.properties (README, configuration).
     */
    Map<String, String> fundTypes();
}
