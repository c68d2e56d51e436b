package io.budgetwatch.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerEntryEventTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void runningTotalsRoundTripAsDecimalStrings() throws Exception {
        LedgerEntryEvent event = new LedgerEntryEvent("P1", "P1", "PAYMENT", null, 2021, "213001",
                "130303210000000000001", new BigDecimal("100.10"), "FISCAL", LocalDate.of(2021, 5, 1), false,
                Instant.parse("2021-07-01T01:00:00Z"), new BigDecimal("300.10"), new BigDecimal("300.10"),
                new BigDecimal("0.00"), 9_000_000_001L);
        String json = mapper.writeValueAsString(event);
        assertTrue(json.contains("\"amount\":\"100.10\""), json);
        assertTrue(json.contains("\"seq\":9000000001"), json);
        assertTrue(json.contains("\"projectExecutedTotal\":\"300.10\""), json);
        assertEquals(event, mapper.readValue(json, LedgerEntryEvent.class));
    }

    @Test
    void olderMessagesWithoutTotalsStillRead() throws Exception {
        String json = "{\"entryId\":\"P1\",\"paymentId\":\"P1\",\"kind\":\"REFUND\",\"originalPaymentId\":\"P0\","
                + "\"fiscalYear\":2021,\"agencyCode\":\"213001\",\"projectCode\":\"X\",\"amount\":\"-5.00\","
                + "\"fundSource\":\"OTHER\",\"paidOn\":\"2021-05-02\",\"overspend\":false,"
                + "\"recordedAt\":\"2021-07-01T01:00:00Z\"}";
        LedgerEntryEvent event = mapper.readValue(json, LedgerEntryEvent.class);
        assertEquals(new BigDecimal("-5.00"), event.amount());
        assertNull(event.projectExecutedTotal());
        assertNull(event.seq());
    }

    @Test
    void indicatorReportKeepsChineseAndDecimals() throws Exception {
        IndicatorReportEvent event = new IndicatorReportEvent("R1", "X", 2021, "213001", 3, "宣传资料发放数量",
                new BigDecimal("1200.5"), "份", null, LocalDate.of(2021, 6, 30), "张三", "上半年", Instant.EPOCH);
        String json = mapper.writeValueAsString(event);
        assertTrue(json.contains("\"value\":\"1200.5\""), json);
        assertEquals(event, mapper.readValue(json, IndicatorReportEvent.class));
    }
}
