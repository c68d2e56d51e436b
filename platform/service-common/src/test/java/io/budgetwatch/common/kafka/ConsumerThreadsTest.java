package io.budgetwatch.common.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread mechanics shared by the plain consumers, on Kafka's MockConsumer (no broker). */
class ConsumerThreadsTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerLags lags = new ConsumerLags();
    private final List<MockConsumer<String, String>> made = new CopyOnWriteArrayList<>();
    private final List<Properties> madeFrom = new CopyOnWriteArrayList<>();

    {
        lags.registry = registry;
    }

    private ConsumerThreads<String, String> threads(String name) {
        return new ConsumerThreads<>(name, lags, "g", properties -> {
            MockConsumer<String, String> c = new MockConsumer<>("earliest");
            c.assign(List.of(P0));
            c.updateBeginningOffsets(Map.of(P0, 0L));
            c.updateEndOffsets(Map.of(P0, 0L));
            made.add(c);
            madeFrom.add(properties);
            return c;
        });
    }

    private static Properties named(int n) {
        Properties p = new Properties();
        p.put("client.id", "c-" + n);
        return p;
    }

    @Test
    void aFailedConsumerIsClosedAndReplacedAndStopWakesTheOneThatPolls() throws Exception {
        ConsumerThreads<String, String> threads = threads("test-consumer");
        CountDownLatch polling = new CountDownLatch(1);
        List<Consumer<String, String>> given = new CopyOnWriteArrayList<>();
        threads.start(1, ConsumerThreadsTest::named, n -> (consumer, lag) -> {
            given.add(consumer);
            if (given.size() == 1) {
                throw new IllegalStateException("the database went away");
            }
            polling.countDown();
            while (threads.running()) {
                consumer.poll(Duration.ofSeconds(30)); // MockConsumer: returns at once, or throws once woken up
                lag.update(consumer);
            }
        });
        assertTrue(polling.await(30, TimeUnit.SECONDS), "a second consumer after the failure");
        assertEquals(2, given.size());
        assertNotSame(given.get(0), given.get(1));
        assertTrue(made.get(0).closed(), "the failed consumer is closed");
        assertFalse(made.get(1).closed());
        assertEquals("c-0", madeFrom.get(1).get("client.id"));
        assertTrue(threads.alive());
        assertEquals(1, threads.count());

        threads.stop(Duration.ofSeconds(30));
        assertFalse(threads.running());
        assertFalse(threads.alive(), "the thread ended");
        assertTrue(made.get(1).closed());
        assertEquals(2, made.size(), "no consumer made after the stop");
    }

    @Test
    void eachThreadHasItsConsumerAndWork() throws Exception {
        ConsumerThreads<String, String> threads = threads("multi");
        CountDownLatch started = new CountDownLatch(3);
        List<String> clients = new CopyOnWriteArrayList<>();
        threads.start(3, ConsumerThreadsTest::named, n -> (consumer, lag) -> {
            clients.add(n + ":" + Thread.currentThread().getName());
            started.countDown();
            while (threads.running()) {
                consumer.poll(Duration.ofSeconds(30));
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("0:multi-0", "1:multi-1", "2:multi-2"), clients.stream().sorted().toList());
        assertEquals(3, threads.count());
        assertThrows(IllegalStateException.class, () -> threads.start(1, ConsumerThreadsTest::named, n -> (c, l) -> { }));
        threads.stop(Duration.ofSeconds(30));
        assertFalse(threads.alive());
        assertTrue(made.stream().allMatch(MockConsumer::closed));
    }

    @Test
    void backoffDoublesUpToThirtySecondsAndStartsOverAfterASuccess() {
        ConsumerThreads.Backoff backoff = new ConsumerThreads.Backoff(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(4), backoff.failed());
        assertEquals(Duration.ofSeconds(8), backoff.failed());
        assertEquals(Duration.ofSeconds(16), backoff.next());
        assertEquals(Duration.ofSeconds(16), backoff.failed());
        assertEquals(Duration.ofSeconds(30), backoff.failed());
        assertEquals(Duration.ofSeconds(30), backoff.failed());
        backoff.succeeded();
        assertEquals(Duration.ofSeconds(4), backoff.failed());
    }
}
