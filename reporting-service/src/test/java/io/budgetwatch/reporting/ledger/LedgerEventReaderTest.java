package io.budgetwatch.reporting.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.LedgerEntryEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ledger event reader gives what the plain mapper gives, for the usual and the unusual forms. */
class LedgerEventReaderTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final LedgerEventReader reader = new LedgerEventReader(mapper);

    private static String event(String amount, String paidOn, String recordedAt, String total) {
        return "{\"entryId\":\"PV-1\",\"paymentId\":\"PV-1\",\"kind\":\"PAYMENT\",\"originalPaymentId\":null,"
                + "\"fiscalYear\":2021,\"agencyCode\":\"213001\",\"projectCode\":\"130303210B2L85R7NSB45\","
                + "\"amount\":" + amount + ",\"fundSource\":\"FISCAL\",\"paidOn\":" + paidOn
                + ",\"overspend\":false,\"recordedAt\":" + recordedAt + ",\"projectExecutedTotal\":" + total
                + ",\"projectExecutedFiscal\":\"1200.50\",\"projectExecutedOther\":\"0.00\",\"extra\":{\"a\":[1]}}";
    }

    @Test
    void sameResultsAsThePlainMapper() throws Exception {
        List<String> amounts = List.of("\"1200.50\"", "\"-0.05\"", "\"100\"", "1200.5", "-3", "\"1e3\"", "\" 12.50 \"",
                "\"+7.00\"", "\"0012.30\"", "\".5\"", "\"5.\"", "null", "\"12345678901234567890123456789012345678901.5\"");
        List<String> dates = List.of("\"2021-05-12\"", "\"2021-12-31\"", "[2021,5,12]", "\"+2021-05-12\"", "null");
        List<String> instants = List.of("\"2021-07-01T01:00:00Z\"", "\"2021-07-01T01:00:00.123456Z\"", "1625101200",
                "\"2021-07-01T09:00:00+08:00\"", "null");
        int compared = 0;
        for (String amount : amounts) {
            for (String date : dates) {
                for (String instant : instants) {
                    for (int twice = 0; twice < 2; twice++) { // the second time the instant is a repeat
                        String json = event(amount, date, instant, amount);
                        LedgerEntryEvent expected;
                        try {
                            expected = mapper.readValue(json, LedgerEntryEvent.class);
                        } catch (Exception e) {
                            assertThrows(Exception.class, () -> reader.read(json), json);
                            continue;
                        }
                        assertEquals(expected, reader.read(json), json);
                        compared++;
                    }
                }
            }
        }
        assertEquals(true, compared > 200, "compared " + compared);
    }

    @Test
    void invalidDatesAndAmountsAreRefusedAsByJackson() {
        for (String json : List.of(event("\"1.00\"", "\"2021-02-30\"", "null", "null"),
                event("\"1.00\"", "\"2021-13-01\"", "null", "null"),
                event("\"1,00\"", "\"2021-02-01\"", "null", "null"),
                event("\"1.00\"", "\"2021-02-01\"", "\"yesterday\"", "null"))) {
            assertThrows(Exception.class, () -> mapper.readValue(json, LedgerEntryEvent.class), json);
            assertThrows(Exception.class, () -> reader.read(json), json);
        }
    }

    @Test
    void aRepeatedInstantIsReadOnce() throws Exception {
        LedgerEntryEvent a = reader.read(event("\"1.00\"", "\"2021-05-12\"", "\"2021-07-01T01:00:00.5Z\"", "null"));
        LedgerEntryEvent b = reader.read(event("\"2.00\"", "\"2021-05-13\"", "\"2021-07-01T01:00:00.5Z\"", "null"));
        assertEquals(Instant.parse("2021-07-01T01:00:00.5Z"), a.recordedAt());
        assertSame(a.recordedAt(), b.recordedAt());
        assertEquals(new BigDecimal("2.00"), b.amount());
        assertEquals(LocalDate.of(2021, 5, 13), b.paidOn());
        assertNotNull(b.projectExecutedFiscal());
    }
}
