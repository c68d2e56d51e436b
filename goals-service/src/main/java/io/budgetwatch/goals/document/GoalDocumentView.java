package io.budgetwatch.goals.document;

import java.time.Instant;
import java.util.UUID;

/** A stored goal document version: its metadata, where to get the original bytes, and its import report. */
public record GoalDocumentView(
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
        String originalUrl,
        ImportReport report) {
}
