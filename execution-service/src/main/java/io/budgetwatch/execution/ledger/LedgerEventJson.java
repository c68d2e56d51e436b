package io.budgetwatch.execution.ledger;

import io.budgetwatch.events.LedgerEntryEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes a {@link LedgerEntryEvent} as the same JSON Jackson writes for it (field order, decimal
 * strings, ISO instant), without reflection: the ledger relay writes one per entry.
 */
final class LedgerEventJson {

    /**
     * Per-thread scratch: the JSON is written as UTF-8 bytes straight into it and copied out once
     * (the relay writes one per entry; a StringBuilder, its String and getBytes cost three copies).
     */
    private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);

    private LedgerEventJson() {
    }

    static byte[] write(LedgerEntryEvent e) {
        Writer w = WRITER.get();
        w.len = 0;
        w.ascii("{\"entryId\":");
        w.string(e.entryId());
        w.ascii(",\"paymentId\":");
        w.string(e.paymentId());
        w.ascii(",\"kind\":");
        w.string(e.kind());
        w.ascii(",\"originalPaymentId\":");
        w.string(e.originalPaymentId());
        w.ascii(",\"fiscalYear\":");
        w.ascii(Integer.toString(e.fiscalYear()));
        w.ascii(",\"agencyCode\":");
        w.string(e.agencyCode());
        w.ascii(",\"projectCode\":");
        w.string(e.projectCode());
        w.ascii(",\"amount\":");
        w.decimal(e.amount());
        w.ascii(",\"fundSource\":");
        w.string(e.fundSource());
        w.ascii(",\"paidOn\":");
        w.string(e.paidOn() == null ? null : e.paidOn().toString());
        w.ascii(",\"overspend\":");
        w.ascii(e.overspend() ? "true" : "false");
        w.ascii(",\"recordedAt\":");
        w.instant(e.recordedAt());
        w.ascii(",\"projectExecutedTotal\":");
        w.decimal(e.projectExecutedTotal());
        w.ascii(",\"projectExecutedFiscal\":");
        w.decimal(e.projectExecutedFiscal());
        w.ascii(",\"projectExecutedOther\":");
        w.decimal(e.projectExecutedOther());
        w.ascii("}");
        return Arrays.copyOf(w.buf, w.len);
    }

    private static final class Writer {
        byte[] buf = new byte[512];
        int len;
        /** The relay writes a batch of entries recorded at the same instant: format it once. */
        Instant lastInstant;
        String lastInstantText;

        void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void instant(Instant value) {
            if (value == null) {
                ascii("null");
                return;
            }
            if (!value.equals(lastInstant)) {
                lastInstant = value;
                lastInstantText = value.toString();
            }
            string(lastInstantText);
        }

        /** As {@code "\"" + value.toPlainString() + "\""}, without BigDecimal text for 2-decimal amounts. */
        void decimal(BigDecimal value) {
            if (value == null) {
                ascii("null");
                return;
            }
            if (value.scale() != 2 || value.precision() > 18) {
                ensure(1);
                buf[len++] = '"';
                ascii(value.toPlainString());
                ensure(1);
                buf[len++] = '"';
                return;
            }
            long unscaled = value.unscaledValue().longValue();
            ensure(24);
            buf[len++] = '"';
            if (unscaled < 0) {
                buf[len++] = '-';
                unscaled = -unscaled;
            }
            long units = unscaled / 100;
            int cents = (int) (unscaled % 100);
            ascii(Long.toString(units));
            buf[len++] = '.';
            buf[len++] = (byte) ('0' + cents / 10);
            buf[len++] = (byte) ('0' + cents % 10);
            buf[len++] = '"';
        }

        void string(String s) {
            if (s == null) {
                ascii("null");
                return;
            }
            int n = s.length();
            ensure(n * 6 + 2);
            buf[len++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80) {
                    if (c == '"' || c == '\\') {
                        buf[len++] = '\\';
                    }
                    buf[len++] = (byte) c;
                } else if (c < 0x20) {
                    buf[len++] = '\\';
                    switch (c) {
                        case '\n' -> buf[len++] = 'n';
                        case '\r' -> buf[len++] = 'r';
                        case '\t' -> buf[len++] = 't';
                        case '\b' -> buf[len++] = 'b';
                        case '\f' -> buf[len++] = 'f';
                        default -> {
                            buf[len++] = 'u';
                            buf[len++] = '0';
                            buf[len++] = '0';
                            buf[len++] = (byte) HEX[c >> 4];
                            buf[len++] = (byte) HEX[c & 0xF];
                        }
                    }
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    int cp;
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        cp = Character.toCodePoint(c, s.charAt(++i));
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
            buf[len++] = '"';
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
