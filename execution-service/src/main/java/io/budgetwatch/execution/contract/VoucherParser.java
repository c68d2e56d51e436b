package io.budgetwatch.execution.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.budgetwatch.common.problem.Params;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static io.budgetwatch.execution.contract.PaymentParser.invalid;
import static io.budgetwatch.execution.contract.PaymentParser.missing;
import static io.budgetwatch.execution.contract.PaymentParser.requiredString;
import static io.budgetwatch.execution.contract.PaymentParser.voucherId;
import static io.budgetwatch.execution.contract.PaymentParser.wrongType;

/**
 * Turns the bytes of one voucher record of the integrated budget system into a {@link VoucherRecord} and its
 * content hash, or a {@link Rejection} naming every bad element. It accepts exactly what
 * {@code execution-service/docs/pay-voucher.schema.json} accepts, and then the rules the schema cannot state:
 * FUND_TYPE_CODE must be in the configured table ({@code unknown-fund-type}, never guessed) and XPAY_DATE must lie
 * in FISCAL_YEAR (the payment rule, {@link PaymentRecordRules#paidOnProblem}). Pure and thread-safe.
 *
 * <p>Element names are upper snake case (PAY_CERT_NO) or lower snake case (pay_cert_no), each element in one of
 * the two; an element given twice (in either case) makes the record ambiguous: {@code malformed-json}. Other members
 * are ignored. Amounts follow the payment contract's decimal rule (strings preferred; a JSON number is held to the
 * same rule by its text). Times are {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss}, Asia/Shanghai. The hash is
 * SHA-256 of the normalized elements, so the two name cases, member order, whitespace, {@code "100"} and
 * {@code "100.00"} give the same hash.
 */
public final class VoucherParser {

    /** The elements, in upper case, in the order of {@link VoucherRecord}. */
    static final String[] ELEMENTS = {"PAY_CERT_ID", "PAY_CERT_NO", "FISCAL_YEAR", "MOF_DIV_CODE", "AGENCY_CODE",
            "AGENCY_NAME", "PRO_CODE", "PRO_NAME", "PAY_AMT", "XPAY_AMT", "VOU_DATE", "XPAY_DATE", "FUND_TYPE_CODE",
            "FUND_TYPE_NAME", "EXP_FUNC_CODE", "GOV_BGT_ECO_CODE", "DEP_BGT_ECO_CODE", "PAYEE_ACCT_NAME", "USE_DES",
            "SET_MODE_CODE", "PAY_BUS_TYPE_CODE", "IS_DELETED", "UPDATE_TIME"};
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < ELEMENTS.length; i++) {
            INDEX.put(ELEMENTS[i], i);
            INDEX.put(ELEMENTS[i].toLowerCase(Locale.ROOT), i);
        }
    }

    private static final int PAY_CERT_ID = 0, PAY_CERT_NO = 1, FISCAL_YEAR = 2, MOF_DIV_CODE = 3, AGENCY_CODE = 4,
            AGENCY_NAME = 5, PRO_CODE = 6, PRO_NAME = 7, PAY_AMT = 8, XPAY_AMT = 9, VOU_DATE = 10, XPAY_DATE = 11,
            FUND_TYPE_CODE = 12, FUND_TYPE_NAME = 13, EXP_FUNC_CODE = 14, GOV_BGT_ECO_CODE = 15, DEP_BGT_ECO_CODE = 16,
            PAYEE_ACCT_NAME = 17, USE_DES = 18, SET_MODE_CODE = 19, PAY_BUS_TYPE_CODE = 20, IS_DELETED = 21,
            UPDATE_TIME = 22;

    /** Either {@code record} and {@code hash}, or {@code rejection} (with the id and project code when readable). */
    public record Parsed(VoucherRecord record, byte[] hash, Rejection rejection, String rawPayCertId,
                         String rawProjectCode) {
        public boolean ok() {
            return rejection == null;
        }
    }

    private final JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final Function<String, String> fundTypes;
    private final PaymentRecordRules rules;

    /**
     * {@code fundTypes}: FUND_TYPE_CODE to FISCAL or OTHER, null when the table has no row for it;
     * {@code rules}: the payment date rules (settlement window).
     */
    public VoucherParser(Function<String, String> fundTypes, PaymentRecordRules rules) {
        this.fundTypes = fundTypes;
        this.rules = rules;
    }

    public Parsed parse(byte[] value) {
        if (value == null || value.length == 0) {
            return malformed("empty record");
        }
        String[] text = new String[ELEMENTS.length];
        byte[] types = new byte[ELEMENTS.length];
        try (JsonParser p = json.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return malformed("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                Integer i = INDEX.get(p.currentName());
                JsonToken v = p.nextToken();
                if (i == null) {
                    p.skipChildren();
                    continue;
                }
                if (types[i] != PaymentParser.ABSENT) {
                    return malformed("element " + ELEMENTS[i] + " is given twice");
                }
                switch (v) {
                    case VALUE_NULL -> types[i] = PaymentParser.NULL;
                    case VALUE_STRING -> {
                        types[i] = PaymentParser.STRING;
                        text[i] = p.getText();
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        types[i] = PaymentParser.NUMBER;
                        text[i] = p.getText();
                    }
                    case VALUE_TRUE, VALUE_FALSE -> types[i] = PaymentParser.BOOLEAN;
                    default -> {
                        types[i] = PaymentParser.STRUCTURE;
                        p.skipChildren();
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return malformed("trailing content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            return malformed(PaymentParser.printable(e.getOriginalMessage(), 300));
        } catch (IOException e) {
            return malformed(PaymentParser.printable(e.getMessage(), 300));
        }
        return validate(text, types);
    }

    private Parsed validate(String[] v, byte[] ty) {
        List<Rejection.FieldIssue> issues = new ArrayList<>();
        String certId = voucherId(v[PAY_CERT_ID], ty[PAY_CERT_ID], "PAY_CERT_ID", issues);
        String certNo = voucherId(v[PAY_CERT_NO], ty[PAY_CERT_NO], "PAY_CERT_NO", issues);
        Integer year = year(v[FISCAL_YEAR], ty[FISCAL_YEAR], issues);
        String division = code(v[MOF_DIV_CODE], ty[MOF_DIV_CODE], "MOF_DIV_CODE", Params.MAX_AGENCY_CODE, issues);
        String agency = code(v[AGENCY_CODE], ty[AGENCY_CODE], "AGENCY_CODE", Params.MAX_AGENCY_CODE, issues);
        String project = code(v[PRO_CODE], ty[PRO_CODE], "PRO_CODE", Params.MAX_PROJECT_CODE, issues);
        BigDecimal payAmt = amount(v[PAY_AMT], ty[PAY_AMT], "PAY_AMT", true, false, issues);
        LocalDateTime xpayDate = time(v[XPAY_DATE], ty[XPAY_DATE], "XPAY_DATE", false, issues);
        boolean paid = xpayDate != null;
        // before payment the integrated system often sends XPAY_AMT 0.00; once paid it must be the amount paid
        BigDecimal xpayAmt = amount(v[XPAY_AMT], ty[XPAY_AMT], "XPAY_AMT", paid, !paid, issues);
        LocalDateTime vouDate = time(v[VOU_DATE], ty[VOU_DATE], "VOU_DATE", false, issues);
        String fundType = fundTypeCode(v[FUND_TYPE_CODE], ty[FUND_TYPE_CODE], issues);
        Boolean deleted = flag(v[IS_DELETED], ty[IS_DELETED], issues);
        LocalDateTime updateTime = time(v[UPDATE_TIME], ty[UPDATE_TIME], "UPDATE_TIME", true, issues);
        String[] texts = new String[ELEMENTS.length];
        for (int i : new int[] {AGENCY_NAME, PRO_NAME, FUND_TYPE_NAME, EXP_FUNC_CODE, GOV_BGT_ECO_CODE,
                DEP_BGT_ECO_CODE, PAYEE_ACCT_NAME, USE_DES, SET_MODE_CODE, PAY_BUS_TYPE_CODE}) {
            texts[i] = text(v[i], ty[i], ELEMENTS[i], issues);
        }
        String rawId = readable(v[PAY_CERT_ID], ty[PAY_CERT_ID]);
        String rawProject = project != null ? project : readable(v[PRO_CODE], ty[PRO_CODE]);
        if (!issues.isEmpty()) {
            return new Parsed(null, null, Rejection.ofIssues(issues), rawId, rawProject);
        }
        if (paid) {
            Rejection date = rules.paidOnProblem(xpayDate.toLocalDate(), year, "XPAY_DATE");
            if (date != null) {
                return new Parsed(null, null, date, rawId, rawProject);
            }
        }
        String fundSource = fundTypes.apply(fundType);
        if (fundSource == null) {
            return new Parsed(null, null, Rejection.of(RejectReason.UNKNOWN_FUND_TYPE, "FUND_TYPE_CODE",
                    "资金性质代码 " + PaymentParser.shown(fundType) + " 未在对照表中配置（budgetwatch.execution.pay-vouchers"
                            + ".fund-types），无法判定财政资金或其他资金",
                    "Fund type code " + PaymentParser.shown(fundType) + " is not in the configured table "
                            + "(budgetwatch.execution.pay-vouchers.fund-types); fiscal or other funds cannot be told"),
                    rawId, rawProject);
        }
        VoucherRecord r = new VoucherRecord(certId, certNo, year, division, agency, texts[AGENCY_NAME], project,
                texts[PRO_NAME], payAmt, xpayAmt, vouDate, xpayDate, fundType, texts[FUND_TYPE_NAME], fundSource,
                texts[EXP_FUNC_CODE], texts[GOV_BGT_ECO_CODE], texts[DEP_BGT_ECO_CODE], texts[PAYEE_ACCT_NAME],
                texts[USE_DES], texts[SET_MODE_CODE], texts[PAY_BUS_TYPE_CODE], deleted, updateTime);
        return new Parsed(r, hash(r), null, certId, project);
    }

    /** SHA-256 of the normalized elements (the derived fund source is not content: the table may change). */
    public static byte[] hash(VoucherRecord r) {
        StringBuilder sb = new StringBuilder(512);
        r.elements().forEach((k, val) -> sb.append(k).append('=').append(val == null ? "\u0000" : val).append('\n'));
        try {
            return MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Parsed malformed(String why) {
        return new Parsed(null, null, Rejection.of(RejectReason.MALFORMED_JSON, null,
                "凭证记录不是有效的 JSON 对象：" + why, "The voucher record is not a valid JSON object: " + why), null, null);
    }

    /** An agency or project code, by the payment contract's rule. */
    private static String code(String value, byte type, String field, int max, List<Rejection.FieldIssue> issues) {
        boolean valid = value != null
                && (max == Params.MAX_PROJECT_CODE ? Params.isProjectCode(value) : Params.isAgency(value));
        return PaymentParser.code(value, type, field, valid, max, issues);
    }

    /** FISCAL_YEAR: a JSON integer or a string, either way four digits 2000 to 2100. */
    private static Integer year(String value, byte type, List<Rejection.FieldIssue> issues) {
        if (type <= PaymentParser.NULL || type == PaymentParser.STRING && value.isEmpty()) {
            issues.add(missing("FISCAL_YEAR"));
            return null;
        }
        if (type != PaymentParser.STRING && type != PaymentParser.NUMBER) {
            issues.add(wrongType("FISCAL_YEAR", "整数或文本", "an integer or text"));
            return null;
        }
        if (value.length() == 4 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int y = Integer.parseInt(value);
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        }
        issues.add(invalid("FISCAL_YEAR", "FISCAL_YEAR 须为 2000 至 2100 之间的四位数字年份：" + PaymentParser.shown(value),
                "FISCAL_YEAR must be a year of four digits between 2000 and 2100: " + PaymentParser.shown(value)));
        return null;
    }

    /**
     * An amount by the payment contract's rule (above 0, at most 2 decimals, ASCII digits, no sign or exponent);
     * {@code zeroAllowed}: {@code 0}, {@code 0.0} or {@code 0.00} also (an unpaid XPAY_AMT, read as none).
     */
    private static BigDecimal amount(String value, byte type, String field, boolean required, boolean zeroAllowed,
                                     List<Rejection.FieldIssue> issues) {
        if (type <= PaymentParser.NULL || type == PaymentParser.STRING && value.isEmpty()) {
            if (required) {
                issues.add(missing(field));
            }
            return null;
        }
        if (type != PaymentParser.STRING && type != PaymentParser.NUMBER) {
            issues.add(wrongType(field, "十进制数文本或数字", "a decimal string or number"));
            return null;
        }
        if (zeroAllowed && (value.equals("0") || value.equals("0.0") || value.equals("0.00"))) {
            return null;
        }
        long fen = PaymentParser.fen(value);
        if (fen <= 0) {
            issues.add(invalid(field, field + " 须为大于 0 的十进制数（ASCII 数字，最多两位小数，不含符号、指数、空格或前导 0）："
                            + PaymentParser.shown(value),
                    field + " must be a decimal above 0 (ASCII digits, at most 2 decimals, no sign, exponent, spaces "
                            + "or leading zero): " + PaymentParser.shown(value)));
            return null;
        }
        return BigDecimal.valueOf(fen, 2);
    }

    /** {@code yyyy-MM-dd} (its midnight) or {@code yyyy-MM-dd HH:mm:ss}, a real date and time. */
    private static LocalDateTime time(String value, byte type, String field, boolean required,
                                      List<Rejection.FieldIssue> issues) {
        if (type <= PaymentParser.NULL || type == PaymentParser.STRING && value.isEmpty()) {
            if (required) {
                issues.add(missing(field));
            }
            return null;
        }
        LocalDateTime t = type == PaymentParser.STRING ? parseTime(value) : null;
        if (t == null) {
            issues.add(invalid(field, field + " 须为 yyyy-MM-dd 或 yyyy-MM-dd HH:mm:ss（北京时间）：" + readableOrType(value),
                    field + " must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss (Asia/Shanghai): " + readableOrType(value)));
        }
        return t;
    }

    private static String readableOrType(String value) {
        return value == null ? "(not text)" : PaymentParser.shown(value);
    }

    static LocalDateTime parseTime(String v) {
        if (v.length() == 10) {
            LocalDate d = PaymentParser.isoDate(v);
            return d == null ? null : d.atStartOfDay();
        }
        if (v.length() != 19 || v.charAt(10) != ' ' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        LocalDate d = PaymentParser.isoDate(v.substring(0, 10));
        int h = twoDigits(v, 11);
        int m = twoDigits(v, 14);
        int s = twoDigits(v, 17);
        if (d == null || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
            return null;
        }
        return LocalDateTime.of(d, LocalTime.of(h, m, s));
    }

    private static int twoDigits(String v, int at) {
        char a = v.charAt(at);
        char b = v.charAt(at + 1);
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    }

    /** FUND_TYPE_CODE: text (a JSON integer is taken by its digits), 1 to 32 digits or Latin letters. */
    private static String fundTypeCode(String value, byte type, List<Rejection.FieldIssue> issues) {
        if (type <= PaymentParser.NULL || type == PaymentParser.STRING && value.isEmpty()) {
            issues.add(missing("FUND_TYPE_CODE"));
            return null;
        }
        if (type != PaymentParser.STRING && type != PaymentParser.NUMBER || !Params.isAgency(value)) {
            issues.add(invalid("FUND_TYPE_CODE", "FUND_TYPE_CODE 须为 1 至 32 位数字或拉丁字母：" + readableOrType(value),
                    "FUND_TYPE_CODE must be 1 to 32 digits or Latin letters: " + readableOrType(value)));
            return null;
        }
        return value;
    }

    /** IS_DELETED: 0 or 1, as a JSON integer or a string; absent, null or empty is 0. */
    private static Boolean flag(String value, byte type, List<Rejection.FieldIssue> issues) {
        if (type <= PaymentParser.NULL || type == PaymentParser.STRING && value.isEmpty()) {
            return false;
        }
        if ((type == PaymentParser.STRING || type == PaymentParser.NUMBER) && ("0".equals(value) || "1".equals(value))) {
            return "1".equals(value);
        }
        issues.add(invalid("IS_DELETED", "IS_DELETED 须为 0 或 1：" + readableOrType(value),
                "IS_DELETED must be 0 or 1: " + readableOrType(value)));
        return false;
    }

    /** Optional text: absent, null, empty or blank is none; at most 500 code points, no NUL or unpaired surrogate. */
    private static String text(String value, byte type, String field, List<Rejection.FieldIssue> issues) {
        if (type <= PaymentParser.NULL) {
            return null;
        }
        if (type != PaymentParser.STRING) {
            issues.add(wrongType(field, "文本或 null", "text or null"));
            return null;
        }
        if (!PaymentParser.storable(value)) {
            issues.add(invalid(field, field + " 含有无法存储的字符（NUL 或孤立的代理项）",
                    field + " holds a character that cannot be stored (NUL or an unpaired surrogate)"));
            return null;
        }
        if (value.codePointCount(0, value.length()) > PaymentParser.MAX_TEXT) {
            issues.add(invalid(field, field + " 超过 " + PaymentParser.MAX_TEXT + " 个字符",
                    field + " is longer than " + PaymentParser.MAX_TEXT + " characters"));
            return null;
        }
        return value.isBlank() ? null : value;
    }

    private static String readable(String value, byte type) {
        if (type != PaymentParser.STRING || value.isBlank() || value.length() > PaymentParser.MAX_ID) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                return null;
            }
        }
        return value;
    }

}
