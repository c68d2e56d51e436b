package io.budgetwatch.reporting.explanation;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A deviation explanation as the API answers it. {@code indicatorId} is absent for the project's funds.
 * {@code superseded} (lists only): a later explanation of the same indicator (or the funds) and monitoring date
 * was recorded, which is the one to display.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplanationView(String explanationId, String projectCode, String agencyCode, int fiscalYear,
                              LocalDate monitoringDate, Integer indicatorId, Map<Cause, String> causes,
                              Likelihood likelihood, Expected expectedFullYear, String correctiveMeasures,
                              String alertId, String recordedBy, Instant recordedAt, Boolean superseded) {

    /** 全年预计执行数 (amount, yuan) or 全年预计完成值 (text as written, value when numeric). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expected(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String text,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value) {
    }

    static ExplanationView of(ExplanationEntity e, Boolean superseded) {
        BigDecimal value = e.expectedValue();
        if (value != null) {
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }
        return new ExplanationView(e.explanationId(), e.projectCode(), e.agencyCode(), e.fiscalYear(),
                e.monitoringDate(), e.indicatorSeq(), e.causes(), Likelihood.valueOf(e.likelihood()),
                new Expected(e.expectedAmount(), e.expectedText(), value), e.correctiveMeasures(), e.alertId(),
                e.recordedBy(), e.recordedAt(), superseded);
    }
}
