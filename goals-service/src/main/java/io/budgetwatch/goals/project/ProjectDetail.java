package io.budgetwatch.goals.project;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.events.ProjectSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A project as the API shows it. budget is current (after adjustments; every rate uses it),
 * originalBudget the one first declared, documentBudget the one the latest document declares.
 */
public record ProjectDetail(
        String code,
        String name,
        int fiscalYear,
        String agencyCode,
        String agencyName,
        int version,
        boolean inLatestDocument,
        ProjectSnapshot.Budget budget,
        ProjectSnapshot.Budget originalBudget,
        ProjectSnapshot.Budget documentBudget,
        String purpose,
        List<String> goals,
        List<ProjectSnapshot.PlanPoint> plan,
        List<ProjectSnapshot.Indicator> indicators,
        List<ProjectSnapshot.BudgetAdjustment> adjustments,
        List<Warning> warnings,
        UUID sourceDocumentId,
        int sourceDocumentVersion,
        UUID lastDocumentId,
        int lastDocumentVersion,
        Instant createdAt,
        Instant updatedAt) {

    /** An indicator-quality finding; message is messageZh or messageEn by Accept-Language. */
    public record Warning(Integer indicatorSeq, String indicatorName, String rule, String message, String messageZh,
                          String messageEn) {
    }

    static ProjectDetail of(ProjectState s, Lang lang) {
        List<Warning> warnings = s.warnings().stream()
                .map(w -> new Warning(w.indicatorSeq(), w.indicatorName(), w.rule(),
                        lang.pick(w.messageZh(), w.messageEn()), w.messageZh(), w.messageEn()))
                .toList();
        return new ProjectDetail(s.code(), s.name(), s.fiscalYear(), s.agencyCode(), s.agencyName(), s.version(),
                s.inLatestDocument(), s.budget(), s.originalBudget(), s.documentBudget(), s.purpose(), s.goals(),
                s.plan(), s.indicators(), s.adjustments(), warnings, s.sourceDocumentId(), s.sourceDocumentVersion(),
                s.lastDocumentId(), s.lastDocumentVersion(), s.createdAt(), s.updatedAt());
    }
}
