package io.budgetwatch.common.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lag of the plain Kafka consumers (those that are not messaging channels), gauge {@value #LAG} per group, topic
 * and partition: the partition's end (the last stable offset: the consumers read committed records only) minus the
 * consumer's position, i.e. the records not fetched yet. Each consumer feeds its own {@link Tracker} from its poll
 * loop, on its own thread (a KafkaConsumer is not thread-safe; nothing calls it from the scrape). A partition gets a
 * gauge once its consumer knows the partition's end, and loses it when the partition is no longer assigned here.
 */
@ApplicationScoped
public class ConsumerLags {

    public static final String LAG = "budgetwatch.kafka.consumer.lag";

    @Inject
    MeterRegistry registry;

    private final Map<Key, Reported> reported = new ConcurrentHashMap<>();

    private record Key(String group, TopicPartition partition) {
    }

    private static final class Reported {
        volatile long lag;
        volatile Object owner;
        Gauge gauge;
    }

    /** A tracker for one consumer of {@code group}; use it on that consumer's thread only. */
    public Tracker tracker(String group) {
        return new Tracker(group);
    }

    /** The lags of one consumer. */
    public final class Tracker {
        private final String group;
        private final Set<TopicPartition> mine = new HashSet<>();

        private Tracker(String group) {
            this.group = group;
        }

        /**
         * Reads the consumer's lag of each assigned partition (what the last fetch answers: no request to the
         * broker) and drops the partitions it no longer has. Call after a poll, on the consumer's thread.
         */
        public void update(Consumer<?, ?> consumer) {
            Set<TopicPartition> assigned = consumer.assignment();
            for (TopicPartition tp : assigned) {
                OptionalLong lag = consumer.currentLag(tp);
                if (lag.isPresent()) {
                    set(tp, lag.getAsLong());
                    mine.add(tp);
                }
            }
            if (!assigned.containsAll(mine)) {
                for (TopicPartition tp : Set.copyOf(mine)) {
                    if (!assigned.contains(tp)) {
                        release(tp);
                    }
                }
            }
        }

        /** Drops every partition of this consumer (it is closed). */
        public void close() {
            for (TopicPartition tp : Set.copyOf(mine)) {
                release(tp);
            }
        }

        private void set(TopicPartition tp, long lag) {
            Reported r = reported.computeIfAbsent(new Key(group, tp), key -> {
                Reported fresh = new Reported();
                fresh.gauge = Gauge.builder(LAG, fresh, x -> x.lag)
                        .description("Records of a partition not yet fetched by this service's consumer of a group "
                                + "(end offset minus position)")
                        .tags("group", group, "topic", tp.topic(), "partition", String.valueOf(tp.partition()))
                        .register(registry);
                return fresh;
            });
            r.owner = this;
            r.lag = lag;
        }

        /** Removes the gauge unless another consumer of this process has taken the partition over meanwhile. */
        private void release(TopicPartition tp) {
            mine.remove(tp);
            reported.computeIfPresent(new Key(group, tp), (key, r) -> {
                if (r.owner != this) {
                    return r;
                }
                registry.remove(r.gauge);
                return null;
            });
        }
    }
}
