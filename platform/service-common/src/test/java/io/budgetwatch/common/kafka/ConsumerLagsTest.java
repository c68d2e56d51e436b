package io.budgetwatch.common.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConsumerLagsTest {

    private static final TopicPartition P0 = new TopicPartition("treasury.payments", 0);
    private static final TopicPartition P1 = new TopicPartition("treasury.payments", 1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerLags lags = new ConsumerLags();

    {
        lags.registry = registry;
    }

    private Gauge gauge(TopicPartition tp) {
        return registry.find(ConsumerLags.LAG).tags("group", "g", "topic", tp.topic(),
                "partition", String.valueOf(tp.partition())).gauge();
    }

    private static MockConsumer<byte[], byte[]> consumer(Map<TopicPartition, Long> positions) {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        c.assign(positions.keySet());
        c.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        c.updateEndOffsets(Map.of(P0, 10L, P1, 3L));
        positions.forEach(c::seek);
        return c;
    }

    @Test
    void theLagIsTheEndMinusThePositionPerPartition() {
        ConsumerLags.Tracker tracker = lags.tracker("g");
        MockConsumer<byte[], byte[]> c = consumer(Map.of(P0, 4L, P1, 3L));
        tracker.update(c);
        assertEquals(6.0, gauge(P0).value());
        assertEquals(0.0, gauge(P1).value());
        c.seek(P0, 9L);
        tracker.update(c);
        assertEquals(1.0, gauge(P0).value());
    }

    @Test
    void aPartitionNoLongerAssignedLosesItsGaugeUnlessAnotherConsumerHereTookItOver() {
        ConsumerLags.Tracker first = lags.tracker("g");
        ConsumerLags.Tracker second = lags.tracker("g");
        MockConsumer<byte[], byte[]> a = consumer(Map.of(P0, 4L, P1, 1L));
        first.update(a);
        assertEquals(2.0, gauge(P1).value());
        // P1 moves to the second consumer of this process, which reports it before the first notices
        second.update(consumer(Map.of(P1, 2L)));
        a.assign(List.of(P0));
        first.update(a);
        assertEquals(1.0, gauge(P1).value());
        assertEquals(6.0, gauge(P0).value());
        first.close();
        assertNull(gauge(P0));
        second.close();
        assertNull(gauge(P1));
    }
}
