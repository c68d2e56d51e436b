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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the bytes of one treasury record into a normalized {@link PaymentEvent} and its content hash,
 * or into a {@link Rejection} naming every bad field. Pure and thread-safe.
 * <p>
 * {@link #parse(byte[])} first tries {@link PaymentRecordScanner}, a fast path for plain flat records;
 * whatever it is not sure about goes through Jackson ({@link #parseWithJackson}), which is the reference:
 * both give the same result for every input (PaymentParserDifferentialTest).
 */
public final class PaymentParser {

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

    public PaymentParser() {
        this.mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    public Parsed parse(byte[] value) {
        Parsed fast = value == null ? null : scanned(value, 0, value.length);
        return fast != null ? fast : parseWithJackson(value);
    }

    /** A record given as a view of its bytes (a Kafka fetch buffer): read in place, copied only for Jackson. */
    public Parsed parse(ByteBuffer value) {
        if (value == null || !value.hasArray()) {
            return parse(IncomingRecord.bytes(value));
        }
        Parsed fast = scanned(value.array(), value.arrayOffset() + value.position(), value.remaining());
        return fast != null ? fast : parseWithJackson(IncomingRecord.bytes(value));
    }

    /** The fast path over {@code b[off, off + len)}; null when the record is left to Jackson. */
    private Parsed scanned(byte[] b, int off, int len) {
        PaymentRecordScanner scanner = PaymentRecordScanner.get();
        try {
            return scanner.scan(b, off, len) ? validate(scanner.fields, scanner.fen, scanner.paidOn) : null;
        } finally {
            scanner.clear();
        }
    }

    /** Whether {@link #parse(byte[])} reads this record without Jackson (for tests). */
    static boolean fastPathApplies(byte[] value) {
        PaymentRecordScanner scanner = PaymentRecordScanner.get();
        try {
            return value != null && scanner.scan(value);
        } finally {
            scanner.clear();
        }
    }

    /** The reference reading of a record. */
    Parsed parseWithJackson(byte[] value) {
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
        return validate(f, -1, null);
    }

    /** Field names in {@link RawPayment} order. */
    static final String[] FIELDS = {"paymentId", "kind", "originalPaymentId", "fiscalYear", "agencyCode",
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
            RawPayment r = mapper.treeToValue(node, RawPayment.class);
            return validate(new String[] {r.paymentId(), r.kind(), r.originalPaymentId(), r.fiscalYear(),
                    r.agencyCode(), r.projectCode(), r.amount(), r.fundSource(), r.paidOn(), r.economicClass(),
                    r.functionalClass(), r.authorityDocNo(), r.payee(), r.purpose()}, -1, null);
        } catch (MismatchedInputException e) {
            String field = path(e);
            return rejected(Rejection.of(RejectReason.INVALID_FIELD, field, "字段 " + field + " 的类型错误，应为文本或数字",
                    "Field " + field + " has the wrong type; text or a number is expected"));
        } catch (JsonProcessingException e) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null,
                    "该项无法读取：" + e.getOriginalMessage(), "The item cannot be read: " + e.getOriginalMessage()));
        }
    }

    /**
     * Validates the field texts in {@link #FIELDS} order. {@code fen} (> 0) and {@code date} (non-null), when the
     * fast path already read them, stand for a valid amount and paidOn; then their texts are not looked at.
     */
    private Parsed validate(String[] f, long fen, LocalDate date) {
        if (fen <= 0) {
            fen = fen(f[6]);
        }
        List<Rejection.FieldIssue> issues = new ArrayList<>();
        String paymentId = id(f[0], "paymentId", issues);
        String kind = oneOf(f[1], "kind", KINDS, issues);
        String originalPaymentId = blankToNull(f[2]);
        if (kind != null && !"PAYMENT".equals(kind)) {
            originalPaymentId = id(f[2], "originalPaymentId", issues);
            if (originalPaymentId != null && originalPaymentId.equals(paymentId)) {
                issues.add(invalid("originalPaymentId", "originalPaymentId 不能与 paymentId 相同",
                        "originalPaymentId must differ from paymentId"));
                originalPaymentId = null;
            }
        } else if ("PAYMENT".equals(kind) && originalPaymentId != null) {
            issues.add(invalid("originalPaymentId", "kind 为 PAYMENT 时不应有 originalPaymentId",
                    "originalPaymentId must be empty when kind is PAYMENT"));
        }
        Integer fiscalYear = fiscalYear(f[3], issues);
        String agencyCode = code(f[4], "agencyCode", issues);
        String projectCode = code(f[5], "projectCode", issues);
        BigDecimal amount = fen > 0 ? BigDecimal.valueOf(fen, 2) : amount(f[6], issues);
        String fundSource = oneOf(f[7], "fundSource", FUND_SOURCES, issues);
        LocalDate paidOn = date != null ? date : date(f[8], issues);
        String economicClass = text(f[9], "economicClass", issues);
        String functionalClass = text(f[10], "functionalClass", issues);
        String authorityDocNo = text(f[11], "authorityDocNo", issues);
        String payee = text(f[12], "payee", issues);
        String purpose = text(f[13], "purpose", issues);
        if (!issues.isEmpty()) {
            return new Parsed(null, null, Rejection.ofIssues(issues), readable(f[0]), readable(f[5]));
        }
        PaymentEvent event = new PaymentEvent(paymentId, kind, "PAYMENT".equals(kind) ? null : originalPaymentId,
                fiscalYear, agencyCode, projectCode, amount, fundSource, paidOn, economicClass, functionalClass,
                authorityDocNo, payee, purpose);
        return new Parsed(event, hash(event, fen), null);
    }

    /**
     * Hash of the normalized content: the same record sent with other whitespace, field order or
     * "100" instead of "100.00" is the same content.
     */
    public static byte[] hash(PaymentEvent e) {
        return hash(e, -1);
    }

    /**
     * {@code fen} is the amount in fen when known (> 0). Year, amount and date go to the digest as the
     * bytes of {@code Integer.toString()}, {@code toPlainString()} and {@code LocalDate.toString()},
     * written into the scratch buffer instead of temporary Strings.
     */
    private static byte[] hash(PaymentEvent e, long fen) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update((byte) 'v');
        digest.update((byte) '1');
        part(digest, e.paymentId());
        part(digest, e.kind());
        part(digest, e.originalPaymentId());
        if (e.fiscalYear() == null) {
            part(digest, null);
        } else {
            byte[] buf = UTF8_SCRATCH.get();
            ascii(digest, buf, digits(buf, 0, e.fiscalYear(), 1));
        }
        part(digest, e.agencyCode());
        part(digest, e.projectCode());
        if (fen > 0) {
            byte[] buf = UTF8_SCRATCH.get();
            int len = digits(buf, 0, fen / 100, 1);
            buf[len++] = '.';
            ascii(digest, buf, digits(buf, len, fen % 100, 2));
        } else {
            part(digest, e.amount() == null ? null : e.amount().toPlainString());
        }
        part(digest, e.fundSource());
        LocalDate d = e.paidOn();
        if (d != null && d.getYear() >= 0 && d.getYear() <= 9999) {
            byte[] buf = UTF8_SCRATCH.get();
            int len = digits(buf, 0, d.getYear(), 4);
            buf[len++] = '-';
            len = digits(buf, len, d.getMonthValue(), 2);
            buf[len++] = '-';
            ascii(digest, buf, digits(buf, len, d.getDayOfMonth(), 2));
        } else {
            part(digest, d == null ? null : d.toString());
        }
        part(digest, e.economicClass());
        part(digest, e.functionalClass());
        part(digest, e.authorityDocNo());
        part(digest, e.payee());
        part(digest, e.purpose());
        return digest.digest();
    }

    /**
     * Writes {@code value} (an int or a non-negative long) in decimal, zero padded to {@code width} digits,
     * at {@code at}; returns the end.
     */
    private static int digits(byte[] buf, int at, long value, int width) {
        if (value < 0) {
            buf[at++] = '-';
            value = -value;
        }
        int n = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            n++;
        }
        n = Math.max(n, width);
        for (int i = at + n - 1; i >= at; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + n;
    }

    /** Separator, then {@code len} ASCII bytes of {@code buf}. */
    private static void ascii(MessageDigest digest, byte[] buf, int len) {
        digest.update((byte) 0x1f);
        digest.update(buf, 0, len);
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
                return YEARS[year - 2000];
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        issues.add(invalid("fiscalYear", "fiscalYear 须为 2000 至 2100 之间的年份：" + value,
                "fiscalYear must be a year between 2000 and 2100: " + value));
        return null;
    }

    private static final Integer[] YEARS = new Integer[101];

    static {
        for (int i = 0; i < YEARS.length; i++) {
            YEARS[i] = 2000 + i;
        }
    }

    /** {@link PaymentRecordScanner#fen} of a text: the amount in fen when plain and valid, else -1. */
    static long fen(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return -1; // not a plain amount (the BigDecimal path decides)
            }
        }
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        return PaymentRecordScanner.fen(ascii, 0, ascii.length);
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
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
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
        LocalDate plain = isoDate(value);
        if (plain != null) {
            return plain;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            issues.add(invalid("paidOn", "paidOn 须为 yyyy-MM-dd 日期：" + value,
                    "paidOn must be a yyyy-MM-dd date: " + value));
            return null;
        }
    }

    /** {@link PaymentRecordScanner#isoDate} of a text: a valid date written exactly {@code yyyy-MM-dd}, else null. */
    static LocalDate isoDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** ASCII digits as a number, or -1. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
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
