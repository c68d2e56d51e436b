package io.budgetwatch.common.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The threads of a plain Kafka consumer (one that is not a messaging channel): each thread makes a consumer, hands it
 * to the caller's {@link Work} (subscribe or assign, poll, store) and, when that fails, closes it and starts over
 * with a new one after a pause; the consumer lag of each is tracked ({@link ConsumerLags}). Stopping wakes the
 * consumers and waits for the threads. What the work does with positions, batches and retries is its own.
 */
public final class ConsumerThreads<K, V> {

    private static final Logger LOG = Logger.getLogger(ConsumerThreads.class);

    /** Pause before a failed consumer is replaced. */
    static final Duration RESTART_PAUSE = Duration.ofSeconds(2);

    /** What one thread does with its consumer, until {@link #running()} turns false or it throws. */
    @FunctionalInterface
    public interface Work<K, V> {
        void consume(Consumer<K, V> consumer, ConsumerLags.Tracker lag) throws Exception;
    }

    private final String name;
    private final ConsumerLags lags;
    private final String lagName;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Consumer<K, V>> consumers = new CopyOnWriteArrayList<>();
    private final Function<Properties, Consumer<K, V>> factory;
    private volatile boolean running;

    /**
     * @param name    thread name (threads after the first get {@code -1}, {@code -2}, ...) and the name in the log
     * @param lagName the group (or, for a consumer without one, the client id) its lag is reported under
     */
    public ConsumerThreads(String name, ConsumerLags lags, String lagName) {
        this(name, lags, lagName, KafkaConsumer::new);
    }

    /** With consumers made by {@code factory} (a test's mock consumer) instead of a {@link KafkaConsumer}. */
    ConsumerThreads(String name, ConsumerLags lags, String lagName, Function<Properties, Consumer<K, V>> factory) {
        this.name = name;
        this.lags = lags;
        this.lagName = lagName;
        this.factory = factory;
    }

    /** Starts {@code count} threads; thread {@code n}'s consumers are made from {@code properties.apply(n)}. */
    public synchronized void start(int count, IntFunction<Properties> properties, IntFunction<Work<K, V>> work) {
        if (running) {
            throw new IllegalStateException(name + " already started");
        }
        running = true;
        for (int i = 0; i < count; i++) {
            int n = i;
            Thread t = new Thread(() -> run(properties.apply(n), work.apply(n)), count == 1 ? name : name + "-" + n);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** False once stopping: the work's poll loop ends when it reads false. */
    public boolean running() {
        return running;
    }

    /** Threads started (0 when the consumer is disabled). */
    public synchronized int count() {
        return threads.size();
    }

    /** Whether every thread started is still running (false when none was started). */
    public synchronized boolean alive() {
        return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    /** Wakes every consumer and waits up to {@code wait} for each thread to finish its batch and close. */
    public void stop(Duration wait) {
        running = false;
        consumers.forEach(Consumer::wakeup);
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        for (Thread t : started) {
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(Properties properties, Work<K, V> work) {
        while (running) {
            Consumer<K, V> consumer = factory.apply(properties);
            consumers.add(consumer);
            ConsumerLags.Tracker lag = lags.tracker(lagName);
            try {
                if (running) { // a stop between the check above and the add did not wake this one
                    work.consume(consumer, lag);
                }
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    LOG.warnf(e, "%s consumer failed; restarting with a new consumer in %s", name, RESTART_PAUSE);
                    sleep(RESTART_PAUSE);
                }
            } finally {
                lag.close();
                consumers.remove(consumer);
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Sleeps on the consumer's thread (a retry's backoff); an interrupt ends the sleep and is kept. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pause before a failed batch is tried again: from {@code initial}, doubling per failure up to 30 s. */
    public static final class Backoff {
        static final Duration MAX = Duration.ofSeconds(30);
        private final Duration initial;
        private Duration next;

        public Backoff(Duration initial) {
            this.initial = initial;
            this.next = initial;
        }

        /** The pause to take now; the one after it is twice as long (at most 30 s). */
        public Duration failed() {
            Duration now = next;
            next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
            return now;
        }

        /** A batch went through: the next failure pauses {@code initial} again. */
        public void succeeded() {
            next = initial;
        }

        /** The pause the next failure takes. */
        public Duration next() {
            return next;
        }
    }
}
