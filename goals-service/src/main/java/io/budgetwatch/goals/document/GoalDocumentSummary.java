package io.budgetwatch.goals.document;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stored goal document version, without its report. */
public record GoalDocumentSummary(
        UUID id,
        String agencyCode,
        String agencyName,
        int fiscalYear,
        int version,
        boolean latest,
        String mediaType,
        int sizeBytes,
        String sha256,
        Instant receivedAt,
        int projectCount,
        int indicatorCount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalBudget,
        int warningCount,
        String originalUrl) {
}
