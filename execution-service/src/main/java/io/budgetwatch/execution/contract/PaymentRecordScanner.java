package io.budgetwatch.execution.contract;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Arrays;

/**
 * Fast path of {@link PaymentParser#parse(byte[])}: reads the common record shape (one flat JSON object,
 * values string, plain number, true, false or null) straight from the bytes. It answers only when the
 * result is certainly what the Jackson path would read; on anything else (escapes, nesting, duplicate
 * keys, exponents, non-ASCII names, malformed or non-shortest UTF-8, surrogates, BOM, control
 * characters, trailing bytes, odd sizes) it answers false and the caller uses Jackson.
 * <p>
 * One instance per thread, reused: the record's field texts land in {@link #fields}, except a plain valid
 * amount and a valid {@code yyyy-MM-dd} date, which are read straight into {@link #fen} and {@link #paidOn}
 * (no text is needed for a value that passes: texts only go into rejection messages).
 */
final class PaymentRecordScanner {

    /** Larger records go to Jackson (also keeps the per-thread char buffer small). */
    static final int MAX_INPUT = 64 * 1024;
    /** Well under Jackson's StreamReadConstraints (names 50 000, numbers 1 000). */
    private static final int MAX_NAME = 256;
    private static final int MAX_NUMBER = 100;
    /** Records with more unknown members go to Jackson. */
    private static final int MAX_UNKNOWN = 8;

    private static final byte[][] NAMES = new byte[PaymentParser.FIELDS.length][];
    private static final int KIND = 1;
    private static final int FISCAL_YEAR = 3;
    private static final int AMOUNT = 6;
    private static final int FUND_SOURCE = 7;
    private static final int PAID_ON = 8;
    /** Values reused instead of a new String per record (equal content, so results are unchanged). */
    private static final String[] KIND_VALUES = {"PAYMENT", "REFUND", "CORRECTION"};
    private static final String[] FUND_SOURCE_VALUES = {"FISCAL", "OTHER"};
    private static final String[] YEARS = new String[101];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = PaymentParser.FIELDS[i].getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < YEARS.length; i++) {
            YEARS[i] = Integer.toString(2000 + i);
        }
    }

    private static final ThreadLocal<PaymentRecordScanner> CURRENT = ThreadLocal.withInitial(PaymentRecordScanner::new);

    /** Field texts in {@link PaymentParser#FIELDS} order; null when absent, JSON null or read into fen/paidOn. */
    final String[] fields = new String[NAMES.length];
    /** JSON type of each field ({@link PaymentParser#ABSENT} ... {@link PaymentParser#BOOLEAN}). */
    final byte[] types = new byte[NAMES.length];
    /** Start and length of the unknown member names met so far (a repeated one is left to Jackson). */
    private final int[] unknownNames = new int[2 * MAX_UNKNOWN];
    /** The amount in fen (分) when it is plain digits with an optional fraction passing every amount rule, else -1. */
    long fen;
    /** paidOn when written exactly {@code yyyy-MM-dd} as a valid date, else null. */
    LocalDate paidOn;
    private char[] chars = new char[1024];
    /** Whether the last string checked by {@link #stringEnd} had non-ASCII bytes. */
    private boolean nonAscii;

    private PaymentRecordScanner() {
    }

    /** This thread's scanner; not reentrant, {@link #clear()} after use. */
    static PaymentRecordScanner get() {
        return CURRENT.get();
    }

    void clear() {
        Arrays.fill(fields, null);
        Arrays.fill(types, PaymentParser.ABSENT);
        fen = -1;
        paidOn = null;
    }

    /** End (exclusive) of the record being scanned in its array. */
    private int limit;

    /** Whether the record was read; false means: use Jackson. */
    boolean scan(byte[] b) {
        return scan(b, 0, b.length);
    }

    /** The record in {@code b[off, off + len)} (e.g. inside a Kafka fetch buffer). */
    boolean scan(byte[] b, int off, int len) {
        clear();
        if (len > MAX_INPUT) {
            return false;
        }
        int n = off + len;
        limit = n;
        String[] f = fields;
        int i = skipWs(b, off);
        if (i >= n || b[i] != '{') {
            return false;
        }
        int seen = 0;
        int unknown = 0;
        i = skipWs(b, i + 1);
        if (i < n && b[i] == '}') {
            return skipWs(b, i + 1) == n;
        }
        while (true) {
            if (i >= n || b[i] != '"') {
                return false;
            }
            int start = ++i;
            while (i < n && b[i] != '"') {
                byte c = b[i];
                if (c < 0x20 || c == '\\') { // negative: non-ASCII
                    return false;
                }
                i++;
            }
            if (i >= n || i - start > MAX_NAME) {
                return false;
            }
            int at = field(b, start, i - start);
            if (at >= 0) {
                if ((seen & (1 << at)) != 0) {
                    return false;
                }
                seen |= 1 << at;
            } else {
                if (unknown == MAX_UNKNOWN || repeated(b, start, i - start, unknown)) {
                    return false;
                }
                unknownNames[2 * unknown] = start;
                unknownNames[2 * unknown + 1] = i - start;
                unknown++;
            }
            i = skipWs(b, i + 1);
            if (i >= n || b[i] != ':') {
                return false;
            }
            i = skipWs(b, i + 1);
            if (i >= n) {
                return false;
            }
            byte c = b[i];
            if (c == '"') {
                int end = stringEnd(b, i + 1);
                if (end < 0) {
                    return false;
                }
                if (at >= 0) {
                    value(b, i + 1, end, at, true);
                }
                i = end + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = numberEnd(b, i);
                if (end < 0) {
                    return false;
                }
                if (at >= 0) {
                    value(b, i, end, at, false);
                }
                i = end;
            } else if (c == 't' && literal(b, i, "true")) {
                if (at >= 0) {
                    f[at] = "true";
                    types[at] = PaymentParser.BOOLEAN;
                }
                i += 4;
            } else if (c == 'f' && literal(b, i, "false")) {
                if (at >= 0) {
                    f[at] = "false";
                    types[at] = PaymentParser.BOOLEAN;
                }
                i += 5;
            } else if (c == 'n' && literal(b, i, "null")) {
                if (at >= 0) {
                    types[at] = PaymentParser.NULL;
                }
                i += 4;
            } else {
                return false;
            }
            i = skipWs(b, i);
            if (i >= n) {
                return false;
            }
            if (b[i] == ',') {
                i = skipWs(b, i + 1);
            } else if (b[i] == '}') {
                return skipWs(b, i + 1) == n;
            } else {
                return false;
            }
        }
    }

    /** JSON whitespace as Jackson accepts it between tokens (no comments). */
    private int skipWs(byte[] b, int i) {
        while (i < limit) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Whether the name {@code b[off, off + len)} equals one of the first {@code count} unknown names. */
    private boolean repeated(byte[] b, int off, int len, int count) {
        for (int k = 0; k < count; k++) {
            if (unknownNames[2 * k + 1] == len
                    && Arrays.equals(b, off, off + len, b, unknownNames[2 * k], unknownNames[2 * k] + len)) {
                return true;
            }
        }
        return false;
    }

    private static int field(byte[] b, int off, int len) {
        outer:
        for (int k = 0; k < NAMES.length; k++) {
            byte[] name = NAMES[k];
            if (name.length != len) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                if (name[j] != b[off + j]) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
    }

    /** A bare literal; what follows it is checked by the caller (only whitespace, ',' or '}'). */
    private boolean literal(byte[] b, int i, String word) {
        if (i + word.length() > limit) {
            return false;
        }
        for (int j = 0; j < word.length(); j++) {
            if (b[i + j] != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** End of {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} starting at i, or -1 (an exponent ends it; the caller refuses 'e'). */
    private int numberEnd(byte[] b, int i) {
        int n = limit;
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (i >= n || b[i] < '0' || b[i] > '9') {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else {
            while (i < n && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        }
        if (i < n && b[i] == '.') {
            i++;
            int digits = i;
            while (i < n && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == digits) {
                return -1;
            }
        }
        return i - start > MAX_NUMBER ? -1 : i;
    }

    /**
     * Index of the closing quote of a string whose content starts at i, or -1 for an escape, a control
     * character or anything but shortest-form UTF-8 of a Unicode scalar value (where Java's decoder
     * and Jackson's agree exactly).
     */
    private int stringEnd(byte[] b, int i) {
        int n = limit;
        nonAscii = false;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                if (c == '"') {
                    return i;
                }
                if (c < 0x20 || c == '\\') {
                    return -1;
                }
                i++;
                continue;
            }
            nonAscii = true;
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !cont(b[i + 1])) {
                    return -1;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n) {
                    return -1;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                if (c1 < lo || c1 > hi || !cont(b[i + 2])) {
                    return -1;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n) {
                    return -1;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                if (c1 < lo || c1 > hi || !cont(b[i + 2]) || !cont(b[i + 3])) {
                    return -1;
                }
                i += 4;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private static boolean cont(byte c) {
        return (c & 0xC0) == 0x80;
    }

    /** The content of a string (already checked by {@link #stringEnd}) or the text of a number, for field {@code at}. */
    private void value(byte[] b, int from, int to, int at, boolean string) {
        types[at] = string ? PaymentParser.STRING : PaymentParser.NUMBER;
        if (at == AMOUNT) {
            fen = fen(b, from, to);
            if (fen > 0) {
                return;
            }
        } else if (at == PAID_ON && string) {
            paidOn = isoDate(b, from, to);
            if (paidOn != null) {
                return;
            }
        }
        fields[at] = string && nonAscii ? decode(b, from, to) : ascii(b, from, to, at);
    }

    /**
     * The amount in fen when the text follows the contract's amount pattern
     * {@code ^([1-9][0-9]{0,15}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$} (ASCII digits, no leading zero, at most
     * 2 decimals, above 0, at most {@link PaymentParser#MAX_AMOUNT}); else -1. No BigDecimal, no double.
     */
    static long fen(byte[] b, int from, int to) {
        int i = from;
        long yuan = 0;
        if (i < to && b[i] == '0') {
            if (++i == to || b[i] != '.') { // "0" alone or a leading zero
                return -1;
            }
        } else {
            int digits = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (++digits > 16) { // above MAX_AMOUNT
                    return -1;
                }
                yuan = yuan * 10 + (b[i] - '0');
                i++;
            }
            if (digits == 0) {
                return -1;
            }
        }
        long fraction = 0;
        if (i < to) {
            int digits = to - i - 1;
            if (b[i] != '.' || digits < 1 || digits > 2) {
                return -1;
            }
            for (i++; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                fraction = fraction * 10 + d;
            }
            if (digits == 1) {
                fraction *= 10;
            }
        }
        long fen = yuan * 100 + fraction;
        return fen > 0 ? fen : -1;
    }

    /** A valid date written exactly {@code yyyy-MM-dd} (as {@code LocalDate.parse} reads it), else null. */
    static LocalDate isoDate(byte[] b, int from, int to) {
        if (to - from != 10 || b[from + 4] != '-' || b[from + 7] != '-') {
            return null;
        }
        int year = digits(b, from, from + 4);
        int month = digits(b, from + 5, from + 7);
        int day = digits(b, from + 8, from + 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** ASCII digits as a number, or -1. */
    private static int digits(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static String ascii(byte[] b, int from, int to, int at) {
        int len = to - from;
        if (at == KIND) {
            String known = known(b, from, len, KIND_VALUES);
            if (known != null) {
                return known;
            }
        } else if (at == FUND_SOURCE) {
            String known = known(b, from, len, FUND_SOURCE_VALUES);
            if (known != null) {
                return known;
            }
        } else if (at == FISCAL_YEAR && len == 4) {
            int y = digits(b, from, to);
            if (y >= 2000 && y <= 2100) {
                return YEARS[y - 2000];
            }
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    private static String known(byte[] b, int from, int len, String[] values) {
        outer:
        for (String v : values) {
            if (v.length() != len) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                if (b[from + j] != v.charAt(j)) {
                    continue outer;
                }
            }
            return v;
        }
        return null;
    }

    /**
     * UTF-8 (well-formed, see {@link #stringEnd}) decoded through a per-thread char buffer:
     * {@code new String(bytes, UTF_8)} would allocate twice the byte length before trimming.
     */
    private String decode(byte[] b, int from, int to) {
        char[] out = chars;
        if (out.length < to - from) {
            out = new char[Math.max(to - from, out.length * 2)];
            chars = out;
        }
        int len = 0;
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                out[len++] = (char) c;
                i++;
            } else if ((c & 0xE0) == 0xC0) {
                out[len++] = (char) (((c & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else if ((c & 0xF0) == 0xE0) {
                out[len++] = (char) (((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
                i += 3;
            } else {
                int cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
                out[len++] = Character.highSurrogate(cp);
                out[len++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return new String(out, 0, len);
    }
}
