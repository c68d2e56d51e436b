package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A deviation alert (预警) on {@link Topics#ALERTS}, key = project code, and the body POSTed to
 * webhooks. {@code alertId} is deterministic (project:rule:checkpoint-or-key) and is also the event id.
 * severity: WARNING or CRITICAL. figures: the numbers behind the alert, as decimal strings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertEvent(
        int schemaVersion,
        String eventId,
        String alertId,
        String projectCode,
        String agencyCode,
        int fiscalYear,
        String projectName,
        String rule,
        String severity,
        LocalDate checkpoint,
        LocalDate asOf,
        Map<String, String> figures,
        String messageZh,
        String messageEn,
        Instant raisedAt) {

    public static final int SCHEMA_VERSION = 1;
}
