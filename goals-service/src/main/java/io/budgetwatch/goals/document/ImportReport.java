package io.budgetwatch.goals.document;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetwatch.common.problem.Lang;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an import did, stored with the document and answered again, unchanged, when the same
 * document is sent again. totalBudget and the project figures are as the document declares them.
 * created/changed/unchanged/notListed classify the document's projects against the state before
 * the import (notListed: listed by the previous version, absent now; kept, flagged).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportReport(
        UUID documentId,
        String agencyCode,
        String agencyName,
        int fiscalYear,
        int version,
        String mediaType,
        int sizeBytes,
        String sha256,
        Instant receivedAt,
        String moneyUnit,
        List<String> projectCodes,
        int projectCount,
        int indicatorCount,
        int departmentGoalCount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalBudget,
        List<String> createdProjects,
        List<String> changedProjects,
        List<String> unchangedProjects,
        List<String> notListedProjects,
        List<Adjustment> budgetAdjustments,
        int warningCount,
        List<Warning> warnings) {

    /** A budget the new document version changed (recorded as a budget adjustment). */
    public record Adjustment(
            String projectCode,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousTotal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other) {
    }

    /** An indicator-quality finding; message (by Accept-Language) is added when answering. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Warning(
            String projectCode,
            Integer indicatorSeq,
            String indicatorName,
            String rule,
            @JsonInclude(JsonInclude.Include.NON_NULL) String message,
            String messageZh,
            String messageEn) {
    }

    public ImportReport localized(Lang lang) {
        List<Warning> localized = warnings.stream()
                .map(w -> new Warning(w.projectCode(), w.indicatorSeq(), w.indicatorName(), w.rule(),
                        lang.pick(w.messageZh(), w.messageEn()), w.messageZh(), w.messageEn()))
                .toList();
        return new ImportReport(documentId, agencyCode, agencyName, fiscalYear, version, mediaType, sizeBytes, sha256,
                receivedAt, moneyUnit, projectCodes, projectCount, indicatorCount, departmentGoalCount, totalBudget,
                createdProjects, changedProjects, unchangedProjects, notListedProjects, budgetAdjustments,
                warningCount, localized);
    }
}
