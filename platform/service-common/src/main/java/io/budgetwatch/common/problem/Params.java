package io.budgetwatch.common.problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validation of path and query parameters shared by the services; a bad value is a 400 problem naming the parameter. */
public final class Params {

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** 预算单位编码: 1 to 32 digits and Latin letters (e.g. 213001); also the payment contract's agencyCode. */
    public static final int MAX_AGENCY_CODE = 32;
    /**
     * 项目编码: the seed's are 21 characters; other systems use other lengths, so only the alphabet is checked (1 to
     * 64 digits and Latin letters); also the payment contract's projectCode.
     */
    public static final int MAX_PROJECT_CODE = 64;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Params() {
    }

    /** Fiscal year: absent gives null; otherwise exactly four digits, 2000 to 2099. */
    public static Integer year(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!isYear(value)) {
            throw invalidYear(400, field, value);
        }
        return Integer.valueOf(value);
    }

    /** Exactly four digits, 2000 to 2099. */
    public static boolean isYear(String value) {
        return YEAR.matcher(value).matches() && value.charAt(0) == '2' && value.charAt(1) == '0';
    }

    public static ProblemException invalidYear(int status, String field, String value) {
        return new ProblemException(status, "invalid-fiscal-year", field,
                "预算年度须为 2000 至 2099 之间的四位数字，收到：" + value,
                "The fiscal year must be four digits between 2000 and 2099, got: " + value);
    }

    public static int requiredYear(String value, String field) {
        Integer year = year(value, field);
        if (year == null) {
            throw required(field, "预算年度", "fiscal year");
        }
        return year;
    }

    /** Agency code: absent gives null; otherwise 1 to 32 digits or Latin letters. */
    public static String agency(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!isAgency(value)) {
            throw invalidAgency(400, field, value);
        }
        return value;
    }

    /** 1 to 32 digits or Latin letters. */
    public static boolean isAgency(String value) {
        return isCode(value, MAX_AGENCY_CODE);
    }

    public static ProblemException invalidAgency(int status, String field, String value) {
        return new ProblemException(status, "invalid-agency-code", field,
                "预算单位编码只能由 1 至 32 位数字或字母组成，收到：" + value,
                "The agency code must be 1 to 32 digits or letters, got: " + value);
    }

    public static String requiredAgency(String value, String field) {
        String agency = agency(value, field);
        if (agency == null) {
            throw required(field, "预算单位编码", "agency code");
        }
        return agency;
    }

    public static String projectCode(String value) {
        if (value == null || !isProjectCode(value)) {
            throw invalidProjectCode(400, "code", value);
        }
        return value;
    }

    /** 1 to 64 digits or Latin letters. */
    public static boolean isProjectCode(String value) {
        return isCode(value, MAX_PROJECT_CODE);
    }

    public static ProblemException invalidProjectCode(int status, String field, String value) {
        return new ProblemException(status, "invalid-project-code", field,
                "项目编码只能由数字或字母组成，收到：" + value,
                "A project code consists of digits and letters, got: " + value);
    }

    public static UUID documentId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-document-id", "id",
                    "文档编号不是有效的 UUID：" + value, "The document id is not a valid UUID: " + value);
        }
    }

    /** A calendar date {@code yyyy-MM-dd}: absent gives null. */
    public static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date = parseDate(value);
        if (date == null) {
            throw invalidDate(400, field, value);
        }
        return date;
    }

    /**
     * The date of {@code yyyy-MM-dd} text (four-digit year), or null when the text is not one. ISO's expanded
     * years ({@code +999999999-12-31}) are refused: a date at the end of LocalDate's range breaks date arithmetic.
     */
    public static LocalDate parseDate(String value) {
        if (!DATE.matcher(value).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static ProblemException invalidDate(int status, String field, String value) {
        return new ProblemException(status, "invalid-date", field, field + " 须为日期 yyyy-MM-dd，收到：" + value,
                field + " must be a date yyyy-MM-dd, got: " + value);
    }

    public static ProblemException required(String field, String zhName, String enName) {
        return ProblemException.badRequest("required", field, "缺少必填参数 " + field + "（" + zhName + "）",
                "Missing required parameter " + field + " (" + enName + ")");
    }

    /**
     * 支付凭证号 (payment voucher id, execution-service's payment contract): 1 to 64 printable ASCII characters
     * ({@code !} to {@code ~}) without {@code #}, the separator of derived ledger entry ids.
     */
    public static boolean isVoucherId(String v) {
        int n = v.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '#') {
                return false;
            }
        }
        return true;
    }

    /** 1 to {@code max} ASCII digits and Latin letters (a loop: payment ingestion checks two codes per record). */
    private static boolean isCode(String v, int max) {
        int n = v == null ? 0 : v.length();
        if (n < 1 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
