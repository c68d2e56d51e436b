package io.budgetwatch.reporting.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** An alert as the API shows it, with its acknowledgement and webhook deliveries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String id, String projectCode, String projectName, String agencyCode, int fiscalYear,
                        String rule, String severity, LocalDate checkpoint, LocalDate asOf,
                        Map<String, Object> figures, String message, String messageZh, String messageEn,
                        Instant raisedAt, Acknowledgement acknowledgement, List<Delivery> deliveries) {

    /** {@code explanationId}: the deviation explanation of the project that answers the alert, when one was named. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acknowledgement(Instant at, String by, String comment, String explanationId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String webhook, String status, int attempts, Instant nextAttemptAt, Integer lastStatus,
                           String lastError, Instant deliveredAt) {
    }
}
