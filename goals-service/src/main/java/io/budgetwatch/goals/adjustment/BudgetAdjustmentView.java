package io.budgetwatch.goals.adjustment;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * 预算调整 as recorded (never edited). source is "manual" or "document" (then documentId and
 * documentVersion name the goal document version that changed the budget); projectVersion is the
 * project version the adjustment produced.
 */
public record BudgetAdjustmentView(
        String projectCode,
        int seq,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousTotal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousFiscal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousOther,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other,
        String reason,
        LocalDate effectiveOn,
        String adjustedBy,
        Instant recordedAt,
        String source,
        UUID documentId,
        Integer documentVersion,
        int projectVersion) {
}
