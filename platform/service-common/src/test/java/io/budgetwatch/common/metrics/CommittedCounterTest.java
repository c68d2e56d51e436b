package io.budgetwatch.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The grouping and tagging of {@link CommittedCounter}. A client outside a transaction counts at once; the waiting for
 * a commit (and nothing on rollback) is {@code AfterCommit}'s, shown against PostgreSQL by the services' metrics tests.
 */
class CommittedCounterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CommittedCounter counter = new CommittedCounter(registry, "test.stored", "rows stored", "source", "kind");
    /** A pool-like client: not a connection, so not in a transaction. */
    private final SqlClient outsideTransaction = new SqlClient((Object) null);

    private double count(String source, String kind) {
        Counter c = registry.find("test.stored").tags("source", source, "kind", kind).counter();
        return c == null ? Double.NaN : c.count();
    }

    @Test
    void itemsAreCountedPerSeriesOfTheirTagValues() {
        counter.countOnCommit(outsideTransaction, List.of("kafka/payment", "kafka/payment", "http/refund", "kafka/refund"),
                item -> List.of(item.split("/")));
        assertEquals(2.0, count("kafka", "payment"));
        assertEquals(1.0, count("http", "refund"));
        assertEquals(1.0, count("kafka", "refund"));
        assertNull(registry.find("test.stored").tags("source", "http", "kind", "payment").counter());
        assertEquals("rows stored", registry.find("test.stored").counter().getId().getDescription());

        counter.countOnCommit(outsideTransaction, List.of("kafka/payment"), item -> List.of(item.split("/")));
        assertEquals(3.0, count("kafka", "payment"), "a later batch adds to the same series");
    }

    @Test
    void nothingStoredRegistersNoSeries() {
        counter.countOnCommit(outsideTransaction, List.<String>of(), item -> List.of("a", "b"));
        assertEquals(0, registry.getMeters().size());
    }

    @Test
    void tagValuesMustMatchTheTagKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> counter.countOnCommit(outsideTransaction, List.of("x"), item -> List.of("only-one")));
        assertEquals("test.stored takes tags [source, kind], given [only-one]", e.getMessage());
        assertEquals(0, registry.getMeters().size(), "a refused batch counts nothing");
    }
}
