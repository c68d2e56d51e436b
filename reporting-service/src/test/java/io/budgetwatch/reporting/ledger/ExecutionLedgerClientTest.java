package io.budgetwatch.reporting.ledger;

import io.budgetwatch.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** No execution-service listening: 503 {@code ledger-unavailable}, in both languages, not a 500. */
class ExecutionLedgerClientTest {

    @Test
    void nothingListeningIsLedgerUnavailable() {
        ExecutionSettings nowhere = new ExecutionSettings() {
            @Override
            public URI url() {
                return URI.create("http://127.0.0.1:1"); // nothing listens on port 1: the connection is refused
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        };
        ProblemException refusal = assertThrows(ProblemException.class, () -> new ExecutionLedgerClient(nowhere)
                .page("130303210B2L85R7NSB45", 0L, 10, "token", "zh-CN").await().atMost(Duration.ofSeconds(10)));
        assertEquals(503, refusal.status());
        assertEquals("ledger-unavailable", refusal.code());
        assertEquals("台账暂时无法读取（执行服务未应答），请稍后重试", refusal.messageZh());
        assertEquals("The ledger cannot be read just now (execution-service did not answer); please try again later",
                refusal.messageEn());
    }
}
