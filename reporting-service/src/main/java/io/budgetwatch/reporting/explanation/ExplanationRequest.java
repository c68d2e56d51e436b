package io.budgetwatch.reporting.explanation;

import java.util.Map;

/**
 * Body of {@code POST /api/projects/{code}/deviation-explanations}, as sent: every scalar is text here (numbers
 * are accepted too) and checked by {@link Explanation#from}, so that a wrong value answers a problem naming its
 * field. {@code explanationId} is chosen by the client and makes the request idempotent.
 */
public record ExplanationRequest(String explanationId, String monitoringDate, String indicatorId,
                                 Map<String, String> causes, String likelihood, ExpectedFullYear expectedFullYear,
                                 String correctiveMeasures, String alertId) {

    /** 全年预计执行数 ({@code amount}, yuan) for the project's funds, or 全年预计完成值 ({@code text}, {@code value}). */
    public record ExpectedFullYear(String amount, String text, String value) {
    }
}
