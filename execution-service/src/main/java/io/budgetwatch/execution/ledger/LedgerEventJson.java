package io.budgetwatch.execution.ledger;

import io.budgetwatch.common.text.Utf8;
import io.budgetwatch.events.LedgerEntryEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Writes a {@link LedgerEntryEvent} as the same JSON Jackson writes for it (field order, decimal
 * strings with 2 decimals, ISO instant), without reflection: the ledger relay writes one per entry.
 */
final class LedgerEventJson {

    /**
     * Per-thread scratch: the JSON is written as UTF-8 bytes straight into it and copied out once
     * (the relay writes one per entry; a StringBuilder, its String and getBytes cost three copies).
     */
    private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);

    private LedgerEventJson() {
    }

    /**
     * The JSON of the event, for amounts in whole fen (what the ledger holds: NUMERIC(18,2)), without a
     * BigDecimal or String per field.
     */
    static byte[] write(String entryId, String paymentId, String kind, String originalPaymentId, int fiscalYear,
                        String agencyCode, String projectCode, long amountFen, String fundSource, LocalDate paidOn,
                        boolean overspend, Instant recordedAt, long totalFen, long fiscalFen, long otherFen, long seq) {
        Writer w = WRITER.get();
        w.len = 0;
        w.ascii("{\"entryId\":");
        w.string(entryId);
        w.ascii(",\"paymentId\":");
        w.string(paymentId);
        w.ascii(",\"kind\":");
        w.string(kind);
        w.ascii(",\"originalPaymentId\":");
        w.string(originalPaymentId);
        w.ascii(",\"fiscalYear\":");
        w.digits(fiscalYear);
        w.ascii(",\"agencyCode\":");
        w.string(agencyCode);
        w.ascii(",\"projectCode\":");
        w.string(projectCode);
        w.ascii(",\"amount\":");
        w.fen(amountFen);
        w.ascii(",\"fundSource\":");
        w.string(fundSource);
        w.ascii(",\"paidOn\":");
        w.date(paidOn);
        w.ascii(",\"overspend\":");
        w.ascii(overspend ? "true" : "false");
        w.ascii(",\"recordedAt\":");
        w.instant(recordedAt);
        w.ascii(",\"projectExecutedTotal\":");
        w.fen(totalFen);
        w.ascii(",\"projectExecutedFiscal\":");
        w.fen(fiscalFen);
        w.ascii(",\"projectExecutedOther\":");
        w.fen(otherFen);
        w.ascii(",\"seq\":");
        w.digits(seq);
        w.ascii("}");
        return Arrays.copyOf(w.buf, w.len);
    }

    private static final class Writer {
        byte[] buf = new byte[512];
        int len;
        /** The relay writes a batch of entries recorded at the same instant: format it once. */
        Instant lastInstant;
        String lastInstantText;

        /** As LocalDate.toString() in quotes; digits written directly for years 1000 to 9999. */
        void date(LocalDate d) {
            if (d == null) {
                ascii("null");
                return;
            }
            int y = d.getYear();
            if (y < 1000 || y > 9999) {
                string(d.toString());
                return;
            }
            ensure(12);
            buf[len++] = '"';
            digits(y);
            buf[len++] = '-';
            two(d.getMonthValue());
            buf[len++] = '-';
            two(d.getDayOfMonth());
            buf[len++] = '"';
        }

        private void two(int v) {
            buf[len++] = (byte) ('0' + v / 10);
            buf[len++] = (byte) ('0' + v % 10);
        }

        /** A non-negative or negative long in decimal, as Long.toString writes it. */
        void digits(long v) {
            ensure(20);
            if (v < 0) {
                if (v == Long.MIN_VALUE) {
                    ascii(Long.toString(v));
                    return;
                }
                buf[len++] = '-';
                v = -v;
            }
            int start = len;
            do {
                buf[len++] = (byte) ('0' + (int) (v % 10));
                v /= 10;
            } while (v != 0);
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte b = buf[i];
                buf[i] = buf[j];
                buf[j] = b;
            }
        }

        /** Whole fen as a quoted yuan amount with 2 decimals ("-0.05", "1200.50"). */
        void fen(long fen) {
            ensure(25);
            buf[len++] = '"';
            if (fen < 0) {
                buf[len++] = '-';
                fen = -fen; // NUMERIC(18,2) is far from Long.MIN_VALUE
            }
            digits(fen / 100);
            buf[len++] = '.';
            two((int) (fen % 100));
            buf[len++] = '"';
        }

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

        void string(String s) {
            if (s == null) {
                ascii("null");
                return;
            }
            int n = s.length();
            ensure(n * 6 + 2);
            buf[len++] = '"';
            int run = 0; // start of the characters not yet written
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\') {
                    len = Utf8.write(s, run, i, buf, len);
                    run = i + 1;
                    buf[len++] = '\\';
                    switch (c) {
                        case '"', '\\' -> buf[len++] = (byte) c;
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
                }
            }
            len = Utf8.write(s, run, n, buf, len);
            buf[len++] = '"';
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
