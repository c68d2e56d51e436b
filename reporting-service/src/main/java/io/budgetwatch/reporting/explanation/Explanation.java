package io.budgetwatch.reporting.explanation;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A deviation explanation as checked from its request, before it is stored: what the planner wrote (texts exactly
 * as sent; a cause that is blank counts as not filled), the expected full-year value of the project's funds (amount)
 * or of one indicator (text, optional value). What needs the project (its indicators, its fiscal year, its alerts)
 * is checked by {@link ExplanationService}.
 */
public record Explanation(String id, String projectCode, LocalDate monitoringDate, Integer indicatorSeq,
                          Map<Cause, String> causes, Likelihood likelihood, BigDecimal expectedAmount,
                          String expectedText, BigDecimal expectedValue, String correctiveMeasures, String alertId) {

    /** Client ids: letters, digits and {@code . _ : -} (a UUID is one), as they appear in the Location URL. */
    static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._:-]{0,99}");
    static final int MAX_TEXT = 4000;
    static final int MAX_SHORT_TEXT = 200;
    /** NUMERIC(18,2): at most 16 digits before the point. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");
    /** NUMERIC(24,6): at most 18 digits before the point. */
    static final BigDecimal MAX_VALUE = new BigDecimal("999999999999999999.999999");

    /** Checks the request's own shape (400 naming the field); the project's facts are not known here. */
    public static Explanation from(String projectCode, ExplanationRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("missing-body", "body", "缺少请求体（偏差原因分析）",
                    "The request body (the deviation explanation) is missing");
        }
        String id = r.explanationId();
        if (id == null || id.isBlank()) {
            throw Params.required("explanationId", "说明编号", "explanation id");
        }
        if (!ID.matcher(id).matches()) {
            throw ProblemException.badRequest("invalid-explanation-id", "explanationId",
                    "说明编号须为 1 至 100 个字母、数字或 . _ : -（如 UUID）",
                    "explanationId must be 1 to 100 letters, digits or . _ : - (e.g. a UUID)");
        }
        if (r.monitoringDate() == null || r.monitoringDate().isBlank()) {
            throw Params.required("monitoringDate", "监控日期", "monitoring date");
        }
        LocalDate date = Params.date(r.monitoringDate(), "monitoringDate");
        Integer indicator = indicatorSeq(r.indicatorId());
        Map<Cause, String> causes = causes(r.causes());
        Likelihood likelihood = likelihood(r.likelihood());
        ExplanationRequest.ExpectedFullYear expected = r.expectedFullYear();
        if (expected == null) {
            throw Params.required("expectedFullYear", indicator == null ? "全年预计执行数" : "全年预计完成值",
                    "expected full-year value");
        }
        BigDecimal amount = null;
        String text = null;
        BigDecimal value = null;
        if (indicator == null) {
            if (present(expected.text()) || present(expected.value())) {
                throw ProblemException.badRequest("invalid-expected", "expectedFullYear",
                        "项目资金的全年预计执行数只填 amount（元）；text/value 用于绩效指标",
                        "For the project's funds give only amount (yuan); text and value are for an indicator");
            }
            if (!present(expected.amount())) {
                throw Params.required("expectedFullYear.amount", "全年预计执行数（元）", "expected full-year amount, yuan");
            }
            amount = amount(expected.amount());
        } else {
            if (present(expected.amount())) {
                throw ProblemException.badRequest("invalid-expected", "expectedFullYear",
                        "绩效指标的全年预计完成值填 text（及可选 value），不填 amount",
                        "For an indicator give text (and optionally value), not amount");
            }
            if (!present(expected.text())) {
                throw Params.required("expectedFullYear.text", "全年预计完成值", "expected full-year value as written");
            }
            text = text(expected.text(), "expectedFullYear.text", MAX_SHORT_TEXT);
            value = present(expected.value()) ? value(expected.value()) : null;
        }
        if (!present(r.correctiveMeasures())) {
            throw Params.required("correctiveMeasures", "纠偏措施", "corrective measures");
        }
        String measures = text(r.correctiveMeasures(), "correctiveMeasures", MAX_TEXT);
        String alertId = null;
        if (present(r.alertId())) {
            alertId = text(r.alertId(), "alertId", MAX_SHORT_TEXT);
        }
        return new Explanation(id, projectCode, date, indicator, causes, likelihood, amount, text, value, measures,
                alertId);
    }

    /** Whether a stored explanation says exactly this (the retry of the same request). */
    boolean sameContentAs(ExplanationEntity e) {
        return projectCode.equals(e.projectCode()) && monitoringDate.equals(e.monitoringDate())
                && Objects.equals(indicatorSeq, e.indicatorSeq()) && causes.equals(e.causes())
                && likelihood.name().equals(e.likelihood()) && sameNumber(expectedAmount, e.expectedAmount())
                && Objects.equals(expectedText, e.expectedText()) && sameNumber(expectedValue, e.expectedValue())
                && correctiveMeasures.equals(e.correctiveMeasures()) && Objects.equals(alertId, e.alertId());
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Integer indicatorSeq(String value) {
        if (!present(value)) {
            return null;
        }
        try {
            int seq = Integer.parseInt(value.strip());
            if (seq >= 1) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("invalid-indicator", "indicatorId", "indicatorId 须为指标序号（正整数）：" + value,
                "indicatorId must be an indicator's number (a positive integer): " + value);
    }

    private static Map<Cause, String> causes(Map<String, String> given) {
        Map<Cause, String> causes = new EnumMap<>(Cause.class);
        if (given != null) {
            for (Map.Entry<String, String> entry : given.entrySet()) {
                Cause cause = parse(Cause.class, entry.getKey());
                if (cause == null) {
                    throw ProblemException.badRequest("invalid-cause", "causes",
                            "未知的偏差原因类别：" + entry.getKey() + "（可选 FUNDING 经费保障、INSTITUTIONAL 制度保障、"
                                    + "STAFFING 人员保障、HARDWARE 硬件条件保障、OTHER 其他）",
                            "Unknown cause category: " + entry.getKey()
                                    + " (one of FUNDING, INSTITUTIONAL, STAFFING, HARDWARE, OTHER)");
                }
                if (present(entry.getValue())) {
                    if (causes.containsKey(cause)) {
                        throw ProblemException.badRequest("invalid-cause", "causes", "偏差原因类别重复：" + cause,
                                "Cause category given twice: " + cause);
                    }
                    causes.put(cause, text(entry.getValue(), "causes." + cause.name(), MAX_TEXT));
                }
            }
        }
        if (causes.isEmpty()) {
            throw ProblemException.badRequest("missing-cause", "causes",
                    "至少填写一类偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）",
                    "At least one cause category must be filled (FUNDING, INSTITUTIONAL, STAFFING, HARDWARE, OTHER)");
        }
        return Collections.unmodifiableMap(causes);
    }

    private static Likelihood likelihood(String value) {
        if (!present(value)) {
            throw Params.required("likelihood", "完成目标可能性", "likelihood of reaching the target");
        }
        Likelihood likelihood = parse(Likelihood.class, value);
        if (likelihood == null) {
            throw ProblemException.badRequest("invalid-likelihood", "likelihood",
                    "完成目标可能性只能是 CERTAIN（确定能）、POSSIBLE（有可能）或 IMPOSSIBLE（完全不可能）：" + value,
                    "likelihood must be CERTAIN, POSSIBLE or IMPOSSIBLE: " + value);
        }
        return likelihood;
    }

    private static BigDecimal amount(String text) {
        BigDecimal amount = decimal(text);
        if (amount == null || amount.scale() > 2 || amount.abs().compareTo(MAX_AMOUNT) > 0) {
            throw ProblemException.badRequest("invalid-amount", "expectedFullYear.amount",
                    "全年预计执行数须为以元计、至多两位小数的金额：" + text,
                    "The expected full-year amount must be yuan with at most two decimals: " + text);
        }
        if (amount.signum() < 0) {
            throw ProblemException.badRequest("negative-amount", "expectedFullYear.amount",
                    "全年预计执行数不能为负：" + text, "The expected full-year amount cannot be negative: " + text);
        }
        return amount.setScale(2);
    }

    private static BigDecimal value(String text) {
        BigDecimal value = decimal(text);
        if (value == null || value.scale() > 6 || value.abs().compareTo(MAX_VALUE) > 0) {
            throw ProblemException.badRequest("invalid-value", "expectedFullYear.value",
                    "全年预计完成值的数值须为至多六位小数的数：" + text,
                    "The expected full-year value must be a number with at most six decimals: " + text);
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static BigDecimal decimal(String text) {
        String t = text.strip();
        if (t.length() > 40 || !t.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(t);
    }

    /** Free text exactly as written: no NUL (PostgreSQL cannot store it), at most {@code max} characters. */
    private static String text(String value, String field, int max) {
        if (value.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("invalid-text", field, field + " 含有不允许的字符 NUL",
                    field + " contains the character NUL, which is not allowed");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw ProblemException.badRequest("text-too-long", field, field + " 至多 " + max + " 个字符",
                    field + " may have at most " + max + " characters");
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
