package io.budgetwatch.execution.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.text.Utf8;
import io.budgetwatch.events.PaymentEvent;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the bytes of one treasury record into a normalized {@link PaymentEvent} and its content hash,
 * or into a {@link Rejection} naming every bad field. It accepts exactly what the published contract
 * ({@code execution-service/docs/payment-event.schema.json}) accepts: every path (Kafka, HTTP object and array
 * items) comes here with the record's own bytes. Pure and thread-safe.
 * <p>
 * {@link #parse(byte[])} first tries {@link PaymentRecordScanner}, a fast path for plain flat records;
 * whatever it is not sure about goes through Jackson ({@link #parseWithJackson}): both give the same result for
 * every input, and both agree with the schema (PaymentContractDifferentialTest).
 */
public final class PaymentParser {

    public static final Set<String> KINDS = Set.of("PAYMENT", "REFUND", "CORRECTION");
    public static final Set<String> FUND_SOURCES = Set.of("FISCAL", "OTHER");
    static final int MAX_ID = 64;
    static final int MAX_TEXT = 500;
    /** NUMERIC(18,2): 16 digits before the point. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

    /** JSON type of a field as read ({@link PaymentRecordScanner#types}); ordered: absent and null first. */
    static final byte ABSENT = 0;
    static final byte NULL = 1;
    static final byte STRING = 2;
    static final byte NUMBER = 3;
    static final byte BOOLEAN = 4;
    static final byte STRUCTURE = 5;

    /**
     * Either {@code event} and {@code hash}, or {@code rejection}. A refused record still tells its
     * payment id and project code when those are valid (for the DLQ headers and lookups).
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

        /** The same record refused by a rule beyond the contract, keeping what it tells. */
        Parsed refusedBy(Rejection rule) {
            return new Parsed(null, null, rule, rawPaymentId, rawProjectCode);
        }
    }

    /** Strict: a repeated member name makes the record ambiguous (I-JSON), so it is refused. */
    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public Parsed parse(byte[] value) {
        Parsed fast = value == null ? null : scanned(value, 0, value.length);
        return fast != null ? fast : parseWithJackson(value);
    }

    /** A record given as a view of its bytes (a Kafka fetch buffer): read in place, copied only for Jackson. */
    public Parsed parse(ByteBuffer value) {
        if (value == null || !value.hasArray()) {
            return parse(remaining(value));
        }
        Parsed fast = scanned(value.array(), value.arrayOffset() + value.position(), value.remaining());
        return fast != null ? fast : parseWithJackson(remaining(value));
    }

    private static byte[] remaining(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** The fast path over {@code b[off, off + len)}; null when the record is left to Jackson. */
    private Parsed scanned(byte[] b, int off, int len) {
        PaymentRecordScanner scanner = PaymentRecordScanner.get();
        try {
            return scanner.scan(b, off, len) ? validate(scanner.fields, scanner.types, scanner.fen, scanner.paidOn)
                    : null;
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
        String text = utf8(value);
        if (text == null) {
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录不是有效的 UTF-8 文本",
                    "The record is not well-formed UTF-8 text"));
        }
        String[] f = new String[FIELDS.length];
        byte[] types = new byte[FIELDS.length];
        try (JsonParser p = json.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录不是 JSON 对象",
                        "The record is not a JSON object"));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int at = field(p.currentName());
                t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    if (at >= 0) {
                        types[at] = STRUCTURE;
                    }
                } else if (at >= 0) {
                    types[at] = switch (t) {
                        case VALUE_NULL -> NULL;
                        case VALUE_STRING -> STRING;
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
                        default -> BOOLEAN;
                    };
                    f[at] = t == JsonToken.VALUE_NULL ? null : p.getText();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录不是有效的 JSON 对象",
                        "The record is not a valid JSON object"));
            }
        } catch (JsonProcessingException e) {
            String why = printable(e.getOriginalMessage(), 300);
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录不是有效的 JSON：" + why,
                    "The record is not valid JSON: " + why));
        } catch (IOException e) {
            String why = printable(e.getMessage(), 300);
            return rejected(Rejection.of(RejectReason.MALFORMED_JSON, null, "记录无法读取：" + why,
                    "The record cannot be read: " + why));
        }
        return validate(f, types, -1, null);
    }

    /**
     * The record's text when its bytes are well-formed UTF-8 (shortest forms, no encoded surrogates), else null.
     * Jackson reads the text, not the bytes: from bytes it would also take UTF-16 or UTF-32 and encoded surrogates.
     * The fast path checks the same inside strings and leaves anything else here.
     */
    private static String utf8(byte[] value) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** Field names in the contract's order. */
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

    /**
     * Validates the fields (texts and JSON types in {@link #FIELDS} order) against the published contract
     * ({@code docs/payment-event.schema.json}). {@code fen} (> 0) and {@code date} (non-null), when the fast path
     * already read them, stand for a valid amount and paidOn; then their texts are not looked at.
     */
    private Parsed validate(String[] f, byte[] types, long fen, LocalDate date) {
        List<Rejection.FieldIssue> issues = new ArrayList<>();
        String paymentId = voucherId(f[0], types[0], "paymentId", issues);
        String kind = oneOf(f[1], types[1], "kind", KINDS, issues);
        String originalPaymentId = null;
        if ("PAYMENT".equals(kind)) {
            if (types[2] == STRING && !f[2].isEmpty() || types[2] > STRING) {
                issues.add(invalid("originalPaymentId", "kind 为 PAYMENT 时不应有 originalPaymentId",
                        "originalPaymentId must be absent, null or empty when kind is PAYMENT"));
            }
        } else if (kind != null) {
            originalPaymentId = voucherId(f[2], types[2], "originalPaymentId", issues);
        } else if (types[2] > STRING) {
            issues.add(wrongType("originalPaymentId", "文本", "text"));
        }
        Integer fiscalYear = fiscalYear(f[3], types[3], issues);
        String agencyCode = code(f[4], types[4], "agencyCode", Params.isAgency(f[4]), Params.MAX_AGENCY_CODE, issues);
        String projectCode = code(f[5], types[5], "projectCode", Params.isProjectCode(f[5]), Params.MAX_PROJECT_CODE,
                issues);
        if (fen <= 0) {
            fen = amountFen(f[6], types[6], issues);
        }
        String fundSource = oneOf(f[7], types[7], "fundSource", FUND_SOURCES, issues);
        LocalDate paidOn = date != null ? date : date(f[8], types[8], issues);
        String economicClass = text(f[9], types[9], "economicClass", issues);
        String functionalClass = text(f[10], types[10], "functionalClass", issues);
        String authorityDocNo = text(f[11], types[11], "authorityDocNo", issues);
        String payee = text(f[12], types[12], "payee", issues);
        String purpose = text(f[13], types[13], "purpose", issues);
        if (!issues.isEmpty()) {
            return new Parsed(null, null, Rejection.ofIssues(issues), readable(f[0], types[0]),
                    readable(f[5], types[5]));
        }
        PaymentEvent event = new PaymentEvent(paymentId, kind, originalPaymentId, fiscalYear, agencyCode, projectCode,
                BigDecimal.valueOf(fen, 2), fundSource, paidOn, economicClass, functionalClass, authorityDocNo,
                payee, purpose);
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
        if (buf.length < Utf8.maxBytes(n)) {
            buf = new byte[Utf8.maxBytes(n)];
            UTF8_SCRATCH.set(buf);
        }
        int len = Utf8.write(part, 0, n, buf, 0);
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

    /** A required field's text, or null after recording why it is unusable (absent, null, empty or not a string). */
    static String requiredString(String value, byte type, String field, List<Rejection.FieldIssue> issues) {
        if (type <= NULL || type == STRING && value.isEmpty()) {
            issues.add(missing(field));
            return null;
        }
        if (type != STRING) {
            issues.add(wrongType(field, "文本", "text"));
            return null;
        }
        return value;
    }

    /** Voucher ids: 1 to 64 printable ASCII characters, no space and no '#' (the schema's voucherId). */
    static String voucherId(String value, byte type, String field, List<Rejection.FieldIssue> issues) {
        String v = requiredString(value, type, field, issues);
        if (v != null && !Params.isVoucherId(v)) {
            issues.add(invalid(field, field + " 须为 1 至 " + MAX_ID + " 个可打印 ASCII 字符，不含空格和 #：" + shown(v),
                    field + " must be 1 to " + MAX_ID + " printable ASCII characters without space or #: " + shown(v)));
            return null;
        }
        return v;
    }


    static String code(String value, byte type, String field, boolean valid, int max,
                               List<Rejection.FieldIssue> issues) {
        String v = requiredString(value, type, field, issues);
        if (v != null && !valid) {
            issues.add(invalid(field, field + " 须为 1 至 " + max + " 位数字或拉丁字母：" + shown(v),
                    field + " must be 1 to " + max + " digits or Latin letters: " + shown(v)));
            return null;
        }
        return v;
    }

    private static String oneOf(String value, byte type, String field, Set<String> allowed,
                                List<Rejection.FieldIssue> issues) {
        String v = requiredString(value, type, field, issues);
        if (v != null && !allowed.contains(v)) {
            String list = String.join(" | ", allowed.stream().sorted().toList());
            issues.add(invalid(field, field + " 取值无效（" + shown(v) + "），应为 " + list,
                    field + " has an invalid value (" + shown(v) + "); expected " + list));
            return null;
        }
        return v;
    }

    /** A JSON integer or a string, either way written as four digits 2000 to 2100. */
    private static Integer fiscalYear(String value, byte type, List<Rejection.FieldIssue> issues) {
        if (type <= NULL || type == STRING && value.isEmpty()) {
            issues.add(missing("fiscalYear"));
            return null;
        }
        if (type != STRING && type != NUMBER) {
            issues.add(wrongType("fiscalYear", "整数或文本", "an integer or text"));
            return null;
        }
        if (value.length() == 4 && value.charAt(0) == '2') {
            int year = digits(value, 0, 4);
            if (year >= 2000 && year <= 2100) {
                return YEARS[year - 2000];
            }
        }
        issues.add(invalid("fiscalYear", "fiscalYear 须为 2000 至 2100 之间的四位数字年份：" + shown(value),
                "fiscalYear must be a year of four digits between 2000 and 2100: " + shown(value)));
        return null;
    }

    private static final Integer[] YEARS = new Integer[101];

    static {
        for (int i = 0; i < YEARS.length; i++) {
            YEARS[i] = 2000 + i;
        }
    }

    /** {@link PaymentRecordScanner#fen} of a text: the amount in fen when it follows the amount rule, else -1. */
    static long fen(String value) {
        if (value == null) {
            return -1;
        }
        int n = value.length();
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return -1; // full-width or other non-ASCII digits are not amounts
            }
            ascii[i] = (byte) c;
        }
        return PaymentRecordScanner.fen(ascii, 0, n);
    }

    /** The amount in fen (a string or a JSON number, held to the same text rule), or -1 after recording why not. */
    private static long amountFen(String value, byte type, List<Rejection.FieldIssue> issues) {
        if (type <= NULL || type == STRING && value.isEmpty()) {
            issues.add(missing("amount"));
            return -1;
        }
        if (type != STRING && type != NUMBER) {
            issues.add(wrongType("amount", "十进制数文本或数字", "a decimal string or number"));
            return -1;
        }
        long fen = fen(value);
        if (fen <= 0) {
            issues.add(amountProblem(value));
        }
        return fen;
    }

    /** Why a present amount text breaks the amount rule, in the most telling words. */
    private static Rejection.FieldIssue amountProblem(String v) {
        String shown = shown(v);
        int point = v.indexOf('.');
        boolean decimal = !v.isEmpty() && point != 0 && point != v.length() - 1 && point == v.lastIndexOf('.');
        for (int i = 0; decimal && i < v.length(); i++) {
            char c = v.charAt(i);
            decimal = c == '.' || c >= '0' && c <= '9';
        }
        if (!decimal) {
            return invalid("amount", "amount 不是十进制数（只用 ASCII 数字 0-9 和小数点，不含符号、指数、空格）：" + shown,
                    "amount is not a decimal number (ASCII digits 0-9 and a point only, no sign, exponent or spaces): "
                            + shown);
        }
        if (point > 0 ? v.length() - point - 1 > 2 : false) {
            return invalid("amount", "amount 最多两位小数（元、角、分）：" + shown, "amount has more than 2 decimals: " + shown);
        }
        if (v.charAt(0) == '0' && (v.length() == 1 || v.charAt(1) != '.')) {
            return invalid("amount", "amount 不能以 0 开头：" + shown, "amount must not start with a zero: " + shown);
        }
        if (v.chars().allMatch(c -> c == '0' || c == '.')) {
            return invalid("amount", "amount 须大于 0：" + shown, "amount must be greater than 0: " + shown);
        }
        return invalid("amount", "amount 超出范围（最大 " + MAX_AMOUNT.toPlainString() + "）：" + shown,
                "amount is out of range (at most " + MAX_AMOUNT.toPlainString() + "): " + shown);
    }

    private static LocalDate date(String value, byte type, List<Rejection.FieldIssue> issues) {
        String v = requiredString(value, type, "paidOn", issues);
        if (v == null) {
            return null;
        }
        LocalDate plain = isoDate(v);
        if (plain == null) {
            issues.add(invalid("paidOn", "paidOn 须为有效日期 yyyy-MM-dd：" + shown(v),
                    "paidOn must be a valid date yyyy-MM-dd: " + shown(v)));
        }
        return plain;
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

    /**
     * Optional text: absent, null, empty or blank is none; otherwise at most 500 code points, no NUL and
     * no unpaired surrogate (what PostgreSQL text cannot hold).
     */
    private static String text(String value, byte type, String field, List<Rejection.FieldIssue> issues) {
        if (type <= NULL) {
            return null;
        }
        if (type != STRING) {
            issues.add(wrongType(field, "文本或 null", "text or null"));
            return null;
        }
        if (!storable(value)) {
            issues.add(invalid(field, field + " 含有无法存储的字符（NUL 或孤立的代理项）",
                    field + " holds a character that cannot be stored (NUL or an unpaired surrogate)"));
            return null;
        }
        if (value.length() > MAX_TEXT && value.codePointCount(0, value.length()) > MAX_TEXT) {
            issues.add(invalid(field, field + " 超过 " + MAX_TEXT + " 个字符", field + " is longer than " + MAX_TEXT
                    + " characters"));
            return null;
        }
        return value.isBlank() ? null : value;
    }

    /** No NUL and every surrogate in a pair. */
    static boolean storable(String v) {
        int n = v.length();
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(v.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * A refused record's id or project code as far as it can name the record in a DLQ header, a stored row or a
     * lookup: text of 1 to 64 characters without control characters or surrogates; else null.
     */
    private static String readable(String value, byte type) {
        if (type != STRING || value.isBlank() || value.length() > MAX_ID) {
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

    /** A received value as quoted in a message: at most 64 characters, what cannot be shown replaced. */
    static String shown(String value) {
        return printable(value, 64);
    }

    /**
     * At most {@code max} characters of a text, control characters and unpaired surrogates replaced by U+FFFD:
     * what a message may quote of the input (messages are stored in text columns and sent as headers).
     */
    public static String printable(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 1));
        int n = Math.min(value.length(), max);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired && i + 1 < n) {
                out.append(c).append(value.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return value.length() > n ? out.append('…').toString() : out.toString();
    }

    static Rejection.FieldIssue wrongType(String field, String zhType, String enType) {
        return invalid(field, "字段 " + field + " 的类型错误，应为" + zhType, "Field " + field + " has the wrong type; "
                + enType + " is expected");
    }

    static Rejection.FieldIssue missing(String field) {
        return new Rejection.FieldIssue(field, RejectReason.MISSING_FIELD.code(), "缺少必填字段 " + field,
                "Required field " + field + " is missing");
    }

    static Rejection.FieldIssue invalid(String field, String zh, String en) {
        return new Rejection.FieldIssue(field, RejectReason.INVALID_FIELD.code(), zh, en);
    }
}
