package io.budgetwatch.reporting.totals;

import io.budgetwatch.common.kafka.ConsumerLags;
import io.budgetwatch.common.kafka.ConsumerThreads;
import io.budgetwatch.common.kafka.KafkaSettings;
import io.budgetwatch.common.kafka.PlainConsumers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Consumes execution.project-totals (what each ledger write added per project, day and fund) with a plain Kafka
 * consumer on its own thread: poll a batch, store it ({@link ProjectTotalsStore#apply}, retried until the
 * database takes it), then commit the batch's offsets. A crash between the two replays the batch, which the ledger
 * positions make a no-op. A plain consumer rather than a messaging channel: when it took every ledger entry, the
 * channel's per-record message, metadata maps and contexts were most of this service's garbage.
 */
@ApplicationScoped
public class ProjectTotalsTopicConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectTotalsTopicConsumer.class);

    @Inject
    KafkaSettings kafka;

    @Inject
    ProjectTotalsConsumerSettings settings;

    @Inject
    ProjectTotalsStore store;

    @Inject
    ConsumerLags lags;

    private ConsumerThreads<String, String> threads;
    /** System.nanoTime() of the last poll that returned or batch that was stored. */
    private volatile long lastProgress = System.nanoTime();
    /** Entries of the batch being stored, 0 between batches. */
    private volatile int storing;
    /** Held while a batch is stored, and by {@link #exclusively} (the rebuild) for the whole of its work. */
    private final ReentrantLock applying = new ReentrantLock(true);

    /**
     * Runs {@code work} while no batch is being stored and none starts: a rebuild empties the read model and
     * replays the topic from its start, and live slices stored meanwhile would put their projects' positions
     * ahead of the replay. A batch polled meanwhile is stored afterwards (its slices the replay already took
     * are no-ops). Blocking.
     */
    public <T> T exclusively(Supplier<T> work) {
        applying.lock();
        try {
            return work.get();
        } finally {
            applying.unlock();
        }
    }

    /** What the readiness check reports. */
    public record Status(boolean enabled, boolean alive, Duration sinceProgress, int storing,
                         boolean waitingForRebuild) {
    }

    public Status status() {
        return new Status(settings.enabled(), threads != null && threads.alive(),
                Duration.ofNanos(System.nanoTime() - lastProgress), storing, store.waitingForRebuild());
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        threads = new ConsumerThreads<>("project-totals-consumer", lags, settings.groupId());
        threads.start(1, n -> properties(), n -> this::consume);
    }

    void stop(@Observes ShutdownEvent event) {
        if (threads != null) {
            threads.stop(Duration.ofSeconds(10));
        }
    }

    private void consume(Consumer<String, String> c, ConsumerLags.Tracker lag) {
        c.subscribe(List.of(settings.topic()));
        while (threads.running()) {
            ConsumerRecords<String, String> records = c.poll(settings.pollTimeout());
            lastProgress = System.nanoTime();
            lag.update(c);
            if (records.isEmpty()) {
                continue;
            }
            List<String> payloads = new ArrayList<>(records.count());
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<String, String>> part = records.records(tp);
                for (ConsumerRecord<String, String> r : part) {
                    if (r.value() != null) {
                        payloads.add(r.value());
                    }
                }
                next.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
            }
            storing = payloads.size();
            applying.lock();
            try {
                store.applyLive(payloads).await().indefinitely();
            } finally {
                applying.unlock();
            }
            storing = 0;
            lastProgress = System.nanoTime();
            c.commitAsync(next, (done, failure) -> {
                if (failure != null) {
                    LOG.debugf("Project totals offset commit failed (the next batch commits past it, or the "
                            + "events are replayed as no-ops): %s", failure.toString());
                }
            });
        }
    }

    private Properties properties() {
        // The client id keeps its first name: broker-side metrics and quotas may know the consumer by it.
        Properties p = PlainConsumers.properties(kafka.bootstrapServers(), settings.groupId(), "reporting-service-ledger",
                StringDeserializer.class, StringDeserializer.class);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxBatch()));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(settings.partitionFetchMaxBytes()));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(settings.fetchMaxBytes()));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(settings.fetchMinBytes()));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(settings.fetchMaxWait().toMillis()));
        return p;
    }
}
