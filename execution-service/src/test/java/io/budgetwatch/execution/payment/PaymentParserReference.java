package io.budgetwatch.execution.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.budgetwatch.events.PaymentEvent;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test oracle: {@code PaymentParser} as it was before the fast path and the allocation cuts (commit 3682cb0),
 * kept verbatim apart from names, so the differential test also pins the validation and the hash.
 */
final class PaymentParserReference {

    public static final Set<String> KINDS = Set.of("PAYMENT", "REFUND", "CORRECTION");
    public static final Set<String> FUND_SOURCES = Set.of("FISCAL", "OTHER");
    static final int MAX_ID = 64;
    static final int MAX_TEXT = 500;
    /** NUMERIC(18,2): 16 digits before the point. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

    /** Every field read as text, so a wrong JSON type becomes a named field problem, not a parse failure. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RawPayment(String paymentId, String kind, String originalPaymentId, String fiscalYear,
                      String agencyCode, String projectCode, String amount, String fundSource, String paidOn,
                      String economicClass, String functionalClass, String authorityDocNo, String payee,
                      String purpose) {
    }

    /**
     * Either {@code event} and {@code hash}, or {@code rejection}. A refused record still tells its
     * payment id and project code when those could be read (for the DLQ headers and lookups).
     */
    public record Parsed(PaymentEvent event, byte[] hash, Rejection rejection, String rawPaymentId,
                         String rawProjectCode) {

        public Parsed(PaymentEvent event, byte[] hash, Rejection rejection) {
            this(event, hash, rejection, event == null ? null : event.paymentId(),
                    event == null ? null : event.projectCode());
        }

        public boolean ok() {
            return rejection == null;
        }
    }

    private final ObjectMapper mapper;

    PaymentParserReference() {
        this.mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    public Parsed parse(byte[] value) {
        if (value == null || value.length == 0) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录为空，不是 JSON 对象",
                    "The record is empty, not a JSON object"));
        }
        String[] f = new String[FIELDS.length];
        try (JsonParser p = mapper.getFactory().createParser(value)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录不是 JSON 对象",
                        "The record is not a JSON object"));
            }
            String wrongType = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int at = field(p.currentName());
                t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    if (at >= 0 && wrongType == null) {
                        wrongType = FIELDS[at];
                    }
                } else if (at >= 0) {
                    f[at] = t == JsonToken.VALUE_NULL ? null : p.getText();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录不是有效的 JSON 对象",
                        "The record is not a valid JSON object"));
            }
            if (wrongType != null) {
                return wrongType(wrongType, f);
            }
        } catch (JsonProcessingException e) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null,
                    "记录不是有效的 JSON：" + e.getOriginalMessage(), "The record is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null,
                    "记录无法读取：" + e.getMessage(), "The record cannot be read: " + e.getMessage()));
        }
        return validate(new RawPayment(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11],
                f[12], f[13]));
    }

    /** Field names in {@link RawPayment} order. */
    private static final String[] FIELDS = {"paymentId", "kind", "originalPaymentId", "fiscalYear", "agencyCode",
            "projectCode", "amount", "fundSource", "paidOn", "economicClass", "functionalClass", "authorityDocNo",
            "payee", "purpose"};

    private static int field(String name) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Parsed wrongType(String field, String[] f) {
        return new Parsed(null, null, Rejection.of(RejectReason.INVALID_FIELD, field,
                "字段 " + field + " 的类型错误，应为文本或数字",
                "Field " + field + " has the wrong type; text or a number is expected"), readable(f[0]), readable(f[5]));
    }

    /** Parses one element of an HTTP request (already read as a tree). */
    public Parsed parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "该项不是 JSON 对象",
                    "The item is not a JSON object"));
        }
        try {
            return validate(mapper.treeToValue(node, RawPayment.class));
        } catch (MismatchedInputException e) {
            String field = path(e);
            return rejected(Rejection.of(RejectReason.INVALID_FIELD, field, "字段 " + field + " 的类型错误，应为文本或数字",
                    "Field " + field + " has the wrong type; text or a number is expected"));
        } catch (JsonProcessingException e) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null,
                    "该项无法读取：" + e.getOriginalMessage(), "The item cannot be read: " + e.getOriginalMessage()));
        }
    }

    private Parsed validate(RawPayment raw) {
        List<Rejection.FieldIssue> issues = new ArrayList<>();
        String paymentId = id(raw.paymentId(), "paymentId", issues);
        String kind = oneOf(raw.kind(), "kind", KINDS, issues);
        String originalPaymentId = blankToNull(raw.originalPaymentId());
        if (kind != null && !"PAYMENT".equals(kind)) {
            originalPaymentId = id(raw.originalPaymentId(), "originalPaymentId", issues);
            if (originalPaymentId != null && originalPaymentId.equals(paymentId)) {
                issues.add(invalid("originalPaymentId", "originalPaymentId 不能与 paymentId 相同",
                        "originalPaymentId must differ from paymentId"));
                originalPaymentId = null;
            }
        } else if ("PAYMENT".equals(kind) && originalPaymentId != null) {
            issues.add(invalid("originalPaymentId", "kind 为 PAYMENT 时不应有 originalPaymentId",
                    "originalPaymentId must be empty when kind is PAYMENT"));
        }
        Integer fiscalYear = fiscalYear(raw.fiscalYear(), issues);
        String agencyCode = code(raw.agencyCode(), "agencyCode", issues);
        String projectCode = code(raw.projectCode(), "projectCode", issues);
        BigDecimal amount = amount(raw.amount(), issues);
        String fundSource = oneOf(raw.fundSource(), "fundSource", FUND_SOURCES, issues);
        LocalDate paidOn = date(raw.paidOn(), issues);
        String economicClass = text(raw.economicClass(), "economicClass", issues);
        String functionalClass = text(raw.functionalClass(), "functionalClass", issues);
        String authorityDocNo = text(raw.authorityDocNo(), "authorityDocNo", issues);
        String payee = text(raw.payee(), "payee", issues);
        String purpose = text(raw.purpose(), "purpose", issues);
        if (!issues.isEmpty()) {
            return new Parsed(null, null, Rejection.ofIssues(issues), readable(raw.paymentId()),
                    readable(raw.projectCode()));
        }
        PaymentEvent event = new PaymentEvent(paymentId, kind, "PAYMENT".equals(kind) ? null : originalPaymentId,
                fiscalYear, agencyCode, projectCode, amount, fundSource, paidOn, economicClass, functionalClass,
                authorityDocNo, payee, purpose);
        return new Parsed(event, hash(event), null);
    }

    /**
     * Hash of the normalized content: the same record sent with other whitespace, field order or
     * "100" instead of "100.00" is the same content.
     */
    public static byte[] hash(PaymentEvent e) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update((byte) 'v');
        digest.update((byte) '1');
        part(digest, e.paymentId());
        part(digest, e.kind());
        part(digest, e.originalPaymentId());
        part(digest, e.fiscalYear() == null ? null : e.fiscalYear().toString());
        part(digest, e.agencyCode());
        part(digest, e.projectCode());
        part(digest, e.amount() == null ? null : e.amount().toPlainString());
        part(digest, e.fundSource());
        part(digest, e.paidOn() == null ? null : e.paidOn().toString());
        part(digest, e.economicClass());
        part(digest, e.functionalClass());
        part(digest, e.authorityDocNo());
        part(digest, e.payee());
        part(digest, e.purpose());
        return digest.digest();
    }

    /** Separator, then the part as UTF-8 (the bytes of {@code String.getBytes(UTF_8)}) or a 0 byte for null. */
    private static void part(MessageDigest digest, String part) {
        digest.update((byte) 0x1f);
        if (part == null) {
            digest.update((byte) 0);
            return;
        }
        int n = part.length();
        byte[] buf = UTF8_SCRATCH.get();
        if (buf.length < n * 3) {
            buf = new byte[n * 3];
            UTF8_SCRATCH.set(buf);
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = part.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(part.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, part.charAt(++i));
                    buf[len++] = (byte) (0xF0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    buf[len++] = '?'; // as String.getBytes(UTF_8) does for a lone surrogate
                }
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        digest.update(buf, 0, len);
    }

    private static final ThreadLocal<byte[]> UTF8_SCRATCH = ThreadLocal.withInitial(() -> new byte[1536]);

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    });

    private static Parsed rejected(Rejection rejection) {
        return new Parsed(null, null, rejection);
    }

    private static String id(String value, String field, List<Rejection.FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(missing(field));
            return null;
        }
        if (value.length() > MAX_ID || !plain(value, true)) {
            issues.add(invalid(field, field + " 须为 1 至 " + MAX_ID + " 个字符，不含空白和 #",
                    field + " must be 1 to " + MAX_ID + " characters without whitespace or #"));
            return null;
        }
        return value;
    }

    private static String code(String value, String field, List<Rejection.FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(missing(field));
            return null;
        }
        if (value.length() > MAX_ID || !plain(value, false)) {
            issues.add(invalid(field, field + " 须为 1 至 " + MAX_ID + " 个字符，不含空白",
                    field + " must be 1 to " + MAX_ID + " characters without whitespace"));
            return null;
        }
        return value;
    }

    private static String oneOf(String value, String field, Set<String> allowed, List<Rejection.FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(missing(field));
            return null;
        }
        if (!allowed.contains(value)) {
            String list = String.join(" | ", allowed.stream().sorted().toList());
            issues.add(invalid(field, field + " 取值无效（" + value + "），应为 " + list,
                    field + " has an invalid value (" + value + "); expected " + list));
            return null;
        }
        return value;
    }

    private static Integer fiscalYear(String value, List<Rejection.FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(missing("fiscalYear"));
            return null;
        }
        try {
            int year = Integer.parseInt(value.strip());
            if (year >= 2000 && year <= 2100) {
                return year;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        issues.add(invalid("fiscalYear", "fiscalYear 须为 2000 至 2100 之间的年份：" + value,
                "fiscalYear must be a year between 2000 and 2100: " + value));
        return null;
    }

    private static BigDecimal amount(String value, List<Rejection.FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(missing("amount"));
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            issues.add(invalid("amount", "amount 不是十进制数：" + value, "amount is not a decimal number: " + value));
            return null;
        }
        if (amount.signum() <= 0) {
            issues.add(invalid("amount", "amount 须大于 0：" + value, "amount must be greater than 0: " + value));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            issues.add(invalid("amount", "amount 最多两位小数（元、角、分）：" + value,
                    "amount has more than 2 decimals: " + value));
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            issues.add(invalid("amount", "amount 超出范围：" + value, "amount is out of range: " + value));
            return null;
        }
        return amount.setScale(2);
    }

    private static LocalDate date(String value, List<Rejection.FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            issues.add(missing("paidOn"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            issues.add(invalid("paidOn", "paidOn 须为 yyyy-MM-dd 日期：" + value,
                    "paidOn must be a yyyy-MM-dd date: " + value));
            return null;
        }
    }

    private static String text(String value, String field, List<Rejection.FieldIssue> issues) {
        String v = blankToNull(value);
        if (v != null && v.length() > MAX_TEXT) {
            issues.add(invalid(field, field + " 超过 " + MAX_TEXT + " 个字符", field + " is longer than " + MAX_TEXT
                    + " characters"));
            return null;
        }
        return v;
    }

    /** No whitespace or control characters (and no '#' in ids). */
    private static boolean plain(String value, boolean id) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7f || (id && c == '#')) {
                return false;
            }
        }
        return true;
    }

    /** A value fit for a header or a lookup key, or null. */
    private static String readable(String value) {
        return value == null || value.isBlank() || value.length() > MAX_ID ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Rejection.FieldIssue missing(String field) {
        return new Rejection.FieldIssue(field, RejectReason.MISSING_FIELD.code(), "缺少必填字段 " + field,
                "Required field " + field + " is missing");
    }

    private static Rejection.FieldIssue invalid(String field, String zh, String en) {
        return new Rejection.FieldIssue(field, RejectReason.INVALID_FIELD.code(), zh, en);
    }

    private static String path(MismatchedInputException e) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().get(e.getPath().size() - 1).getFieldName();
    }
}
