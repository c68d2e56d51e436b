package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A deviation explanation (偏差原因分析, 项目支出绩效目标执行监控表) on {@link Topics#DEVIATION_EXPLANATIONS},
 * key = project code. Append-only: a later explanation of the same project, indicator and monitoring date supersedes
 * an earlier one for display. {@code eventId} is {@code deviation-explanation:} + {@code explanationId}.
 * indicatorSeq: null for the project's funds (then expectedAmount, 全年预计执行数, in yuan), else the indicator's seq
 * (then expectedText as written, 全年预计完成值, with expectedValue when numeric). causes: by category FUNDING,
 * INSTITUTIONAL, STAFFING, HARDWARE, OTHER (only those filled). likelihood: CERTAIN, POSSIBLE or IMPOSSIBLE.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviationExplanationEvent(
        int schemaVersion,
        String eventId,
        String explanationId,
        String projectCode,
        String agencyCode,
        int fiscalYear,
        LocalDate monitoringDate,
        Integer indicatorSeq,
        Map<String, String> causes,
        String likelihood,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal expectedAmount,
        String expectedText,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal expectedValue,
        String correctiveMeasures,
        String alertId,
        String recordedBy,
        Instant recordedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The event id of an explanation (prefixed: explanation ids are chosen by clients, alert ids are not). */
    public static String eventIdOf(String explanationId) {
        return "deviation-explanation:" + explanationId;
    }
}
