package io.budgetwatch.goals.project;

import io.budgetwatch.events.ProjectSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A project as stored now: its row and the content of its current version. */
public record ProjectState(
        String code,
        int fiscalYear,
        String agencyCode,
        String agencyName,
        String documentAgencyCode,
        String name,
        String purpose,
        int tableNo,
        int version,
        ProjectSnapshot.Budget budget,
        ProjectSnapshot.Budget originalBudget,
        ProjectSnapshot.Budget documentBudget,
        boolean inLatestDocument,
        UUID sourceDocumentId,
        int sourceDocumentVersion,
        UUID lastDocumentId,
        int lastDocumentVersion,
        Instant createdAt,
        Instant updatedAt,
        List<String> goals,
        List<ProjectSnapshot.PlanPoint> plan,
        List<ProjectSnapshot.Indicator> indicators,
        List<ProjectSnapshot.BudgetAdjustment> adjustments,
        List<ProjectSnapshot.QualityWarning> warnings) {

    public static String eventId(String code, int version) {
        return code + ":v" + version;
    }

    /** The event announcing this state: the id is deterministic, so publishing it twice is a no-op. */
    public ProjectSnapshot toSnapshot(Instant occurredAt) {
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, eventId(code, version), occurredAt, code, version,
                fiscalYear, agencyCode, agencyName, name, budget, purpose, goals, plan, indicators, adjustments,
                sourceDocumentId.toString(), inLatestDocument, sourceDocumentVersion, warnings);
    }
}
