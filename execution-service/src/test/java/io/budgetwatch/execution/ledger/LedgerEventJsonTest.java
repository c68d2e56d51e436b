package io.budgetwatch.execution.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.LedgerEntryEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The relay's hand-written JSON is the JSON Jackson writes for the event, and reads back the same, for
 * every event the ledger can hold (amounts NUMERIC(18,2), sent to the writer as whole fen).
 */
class LedgerEventJsonTest {

    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static byte[] write(LedgerEntryEvent e) {
        return LedgerEventJson.write(e.entryId(), e.paymentId(), e.kind(), e.originalPaymentId(), e.fiscalYear(),
                e.agencyCode(), e.projectCode(), fen(e.amount()), e.fundSource(), e.paidOn(), e.overspend(),
                e.recordedAt(), fen(e.projectExecutedTotal()), fen(e.projectExecutedFiscal()),
                fen(e.projectExecutedOther()), e.seq());
    }

    private static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    @Test
    void sameJsonAsJackson() throws Exception {
        for (LedgerEntryEvent e : new LedgerEntryEvent[] {
                new LedgerEntryEvent("PV-1", "PV-1", "PAYMENT", null, 2021, "213001", "130303210B2L85R7NSB45",
                        new BigDecimal("1200.50"), "FISCAL", LocalDate.of(2021, 5, 12), false,
                        Instant.parse("2021-07-01T01:00:00Z"), new BigDecimal("1200.50"), new BigDecimal("1200.50"),
                        new BigDecimal("0.00"), 1L),
                new LedgerEntryEvent("C-1#reversal", "C-1", "CORRECTION", "PV-\"1\"\\中", 2021, "213001", "X",
                        new BigDecimal("-900.00"), "OTHER", LocalDate.of(2021, 12, 31), true,
                        Instant.parse("2021-07-01T01:00:00.123456Z"), new BigDecimal("-0.01"),
                        new BigDecimal("9999999999999999.99"), new BigDecimal("-10000000000000000.00"),
                        Long.MAX_VALUE),
                new LedgerEntryEvent("P", "P", "REFUND", "O", 2021, "a\tb", "Y", new BigDecimal("-0.01"), "FISCAL",
                        LocalDate.of(2021, 1, 1), false, Instant.parse("2021-07-01T01:00:00Z"), new BigDecimal("-0.01"),
                        new BigDecimal("-0.01"), new BigDecimal("0.00"), 1_234_567_890_123L),
                new LedgerEntryEvent("Ü\u0001\u001f\b\f\r\n/é", "😀预算", "PAYMENT", null, 2021, "ß", "Z",
                        new BigDecimal("0.05"), "OTHER", LocalDate.of(2021, 2, 3), false,
                        Instant.parse("2021-07-01T01:00:00Z"), new BigDecimal("100.00"), new BigDecimal("-0.50"),
                        new BigDecimal("-9999999999999999.99"), 40L)}) {
            byte[] ours = write(e);
            assertEquals(jackson.readTree(jackson.writeValueAsBytes(e)), jackson.readTree(ours));
            assertEquals(e, jackson.readValue(ours, LedgerEntryEvent.class));
        }
    }
}
