package io.budgetwatch.goals.project;

import java.time.Instant;
import java.util.UUID;

/** One version of a project: what caused it (a goal document version or a budget adjustment). */
public record ProjectVersionInfo(
        int version,
        String cause,
        UUID documentId,
        Integer documentVersion,
        Integer adjustmentSeq,
        String eventId,
        Instant createdAt) {
}
