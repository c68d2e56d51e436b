package io.budgetwatch.execution.ledger;

import io.budgetwatch.events.LedgerEntryEvent;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link LedgerEntryEvent} as the same JSON Jackson writes for it (field order, decimal
 * strings, ISO instant), without reflection: the ledger relay writes one per entry.
 */
final class LedgerEventJson {

    private LedgerEventJson() {
    }

    static byte[] write(LedgerEntryEvent e) {
        StringBuilder sb = new StringBuilder(420);
        sb.append("{\"entryId\":");
        string(sb, e.entryId());
        sb.append(",\"paymentId\":");
        string(sb, e.paymentId());
        sb.append(",\"kind\":");
        string(sb, e.kind());
        sb.append(",\"originalPaymentId\":");
        string(sb, e.originalPaymentId());
        sb.append(",\"fiscalYear\":").append(e.fiscalYear());
        sb.append(",\"agencyCode\":");
        string(sb, e.agencyCode());
        sb.append(",\"projectCode\":");
        string(sb, e.projectCode());
        sb.append(",\"amount\":");
        decimal(sb, e.amount());
        sb.append(",\"fundSource\":");
        string(sb, e.fundSource());
        sb.append(",\"paidOn\":");
        string(sb, e.paidOn() == null ? null : e.paidOn().toString());
        sb.append(",\"overspend\":").append(e.overspend());
        sb.append(",\"recordedAt\":");
        string(sb, e.recordedAt() == null ? null : e.recordedAt().toString());
        sb.append(",\"projectExecutedTotal\":");
        decimal(sb, e.projectExecutedTotal());
        sb.append(",\"projectExecutedFiscal\":");
        decimal(sb, e.projectExecutedFiscal());
        sb.append(",\"projectExecutedOther\":");
        decimal(sb, e.projectExecutedOther());
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void decimal(StringBuilder sb, BigDecimal value) {
        if (value == null) {
            sb.append("null");
        } else {
            sb.append('"').append(value.toPlainString()).append('"');
        }
    }

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
