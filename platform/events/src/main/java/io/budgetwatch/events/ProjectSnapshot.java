package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Full snapshot of one project, published on {@link Topics#PROJECTS} (compacted, key = project code)
 * each time the project is created or changed. Consumers keep the highest {@code version}.
 * Money is in yuan as a decimal string; percents are decimal strings (25.00 = 25 %).
 * {@code inLatestDocument} is false when the latest goal document of the agency and year no longer
 * lists the project (it is kept, not deleted).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectSnapshot(
        int schemaVersion,
        String eventId,
        Instant occurredAt,
        String projectCode,
        int version,
        int fiscalYear,
        String agencyCode,
        String agencyName,
        String name,
        Budget budget,
        String purpose,
        List<String> goals,
        List<PlanPoint> plan,
        List<Indicator> indicators,
        List<BudgetAdjustment> adjustments,
        String sourceDocumentId,
        // Optional additions (still schema version 1; null when a producer does not know them):
        Boolean inLatestDocument,
        Integer sourceDocumentVersion,
        List<QualityWarning> warnings) {

    public static final int SCHEMA_VERSION = 1;

    /** The original sixteen components; the optional additions stay null. */
    public ProjectSnapshot(int schemaVersion, String eventId, Instant occurredAt, String projectCode, int version,
                           int fiscalYear, String agencyCode, String agencyName, String name, Budget budget,
                           String purpose, List<String> goals, List<PlanPoint> plan, List<Indicator> indicators,
                           List<BudgetAdjustment> adjustments, String sourceDocumentId) {
        this(schemaVersion, eventId, occurredAt, projectCode, version, fiscalYear, agencyCode, agencyName, name,
                budget, purpose, goals, plan, indicators, adjustments, sourceDocumentId, null, null, null);
    }

    /** 预算数 = 财政资金 + 其他资金, current (after adjustments). */
    public record Budget(
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other) {
    }

    /** 资金支出计划: cumulative percent planned by a checkpoint date. */
    public record PlanPoint(
            LocalDate checkpoint,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cumulativePercent) {
    }

    /** 绩效指标 with its target as written and parsed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Indicator(
            int seq,
            String level1,
            String level2,
            String level3,
            String description,
            String targetRaw,
            Target target,
            String basis) {
    }

    /**
     * Parsed 指标值. kind: NUMERIC (operator + value), INTERVAL (value..upper), DATE (deadline),
     * QUALITATIVE (no number). operator: GE, LE, GT, LT, EQ, or null for a bare number.
     * direction: POSITIVE (正向), NEGATIVE (反向), NEUTRAL. baseValue is value in baseUnit
     * (万元 to 元, 亿元 to 元, percent as a number).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(
            String kind,
            String operator,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal upper,
            String unit,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal baseValue,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal baseUpper,
            String baseUnit,
            LocalDate deadline,
            String direction) {
    }

    /** 预算调整: one entry in the budget's history. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BudgetAdjustment(
            int seq,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousTotal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other,
            String reason,
            LocalDate effectiveOn,
            String adjustedBy,
            Instant recordedAt,
            // Optional additions: "manual" or "document", and the document version that caused it.
            String source,
            Integer documentVersion) {

        /** The original nine components; the optional additions stay null. */
        public BudgetAdjustment(int seq, BigDecimal previousTotal, BigDecimal total, BigDecimal fiscal,
                                BigDecimal other, String reason, LocalDate effectiveOn, String adjustedBy,
                                Instant recordedAt) {
            this(seq, previousTotal, total, fiscal, other, reason, effectiveOn, adjustedBy, recordedAt, null, null);
        }
    }

    /**
     * An indicator-quality finding of the import (e.g. a 数量 indicator with a percent target); the
     * data is kept as written. indicatorSeq is null for a finding about the project as a whole.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QualityWarning(
            Integer indicatorSeq,
            String indicatorName,
            String rule,
            String messageZh,
            String messageEn) {
    }
}
