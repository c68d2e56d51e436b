package io.budgetwatch.execution.payment;

import io.budgetwatch.common.kafka.ConsumerLags;
import io.budgetwatch.common.kafka.ConsumerThreads;
import io.budgetwatch.common.kafka.KafkaSettings;
import io.budgetwatch.common.kafka.PlainConsumers;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.kafka.ConsumerOffsets;
import io.budgetwatch.execution.project.CatalogSettings;
import io.budgetwatch.execution.project.ProjectSnapshotConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Consumes treasury.payments in batches on dedicated threads. Each batch is applied in one database
 * transaction that also stores the consumer position; offsets are committed to Kafka afterwards (for
 * lag monitoring only). While batch N is in the database, batch N+1 is polled and parsed (at most one
 * batch in flight per thread, applied in order). On (re)assignment a partition is positioned from the
 * database, so a crash between the database commit and the Kafka commit neither loses nor repeats
 * anything. A failed batch is rewound to the database's positions and retried with backoff; nothing
 * is skipped.
 */
@ApplicationScoped
public class PaymentConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentConsumer.class);

    @Inject
    KafkaSettings kafkaSettings;

    @Inject
    IngestSettings settings;

    @Inject
    CatalogSettings catalogSettings;

    @Inject
    PaymentBatchProcessor processor;

    @Inject
    ConsumerOffsets offsets;

    @Inject
    ProjectSnapshotConsumer catalogConsumer;

    @Inject
    ConsumerLags lags;

    private ConsumerThreads<ByteBuffer, ByteBuffer> threads;
    /** Set once the start has waited for the project catalog's first catch-up (or given up waiting). */
    private volatile boolean catalogAwaited;
    /** Set by an operator: consumption stops after the batch in flight (the consumer keeps its partitions). */
    private volatile boolean pauseRequested;
    /** Consumer threads that have stopped taking records since the last request. */
    private final java.util.concurrent.atomic.AtomicInteger pausedThreads = new java.util.concurrent.atomic.AtomicInteger();

    /** Stops taking records after the batch in flight; records wait on the topic. Answers the state. */
    public ConsumptionState pause() {
        pauseRequested = true;
        return state();
    }

    /** Takes records again from where the ledger stands. */
    public ConsumptionState resume() {
        pauseRequested = false;
        return state();
    }

    /**
     * {@code requested}: what the operator asked for; {@code paused}: every consumer thread has
     * finished its batch in flight and stopped (or consumption is disabled).
     */
    public record ConsumptionState(boolean enabled, boolean pauseRequested, boolean paused, int consumerThreads) {
    }

    public ConsumptionState state() {
        int threadCount = threads == null ? 0 : threads.count();
        return new ConsumptionState(settings.consumerEnabled(), pauseRequested,
                pauseRequested && pausedThreads.get() >= threadCount, threadCount);
    }

    void start(@Observes StartupEvent event) {
        if (!settings.consumerEnabled()) {
            return;
        }
        threads = new ConsumerThreads<>("payments-consumer", lags, settings.groupId());
        threads.start(Math.max(1, settings.consumers()), this::properties, n -> this::consume);
    }

    void stop(@Observes ShutdownEvent event) {
        if (threads != null) {
            threads.stop(Duration.ofSeconds(10));
        }
    }

    private void consume(Consumer<ByteBuffer, ByteBuffer> consumer, ConsumerLags.Tracker lag) {
        if (!catalogAwaited) { // at start only: a consumer made after a failure does not wait again
            try {
                catalogConsumer.initialSync().toCompletableFuture()
                        .get(catalogSettings.initialSyncTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Project catalog not caught up at start (%s); consuming payments anyway", e.toString());
            }
            catalogAwaited = true;
        }
        Loop loop = new Loop(consumer);
        consumer.subscribe(List.of(Topics.TREASURY_PAYMENTS), loop);
        loop.consume(lag);
    }

    /** A batch whose transaction is running while the next one is polled and parsed. */
    private record InFlight(CompletableFuture<List<Candidate>> done, Map<TopicPartition, Long> first,
                            Map<TopicPartition, Long> next) {
    }

    /** The poll loop of one consumer thread, and its rebalance listener. */
    private final class Loop implements ConsumerRebalanceListener {
        private final Consumer<ByteBuffer, ByteBuffer> consumer;
        private InFlight inFlight;
        /** First offsets of a batch that failed in flight, to rewind to. */
        private Map<TopicPartition, Long> failedFirst;
        private final ConsumerThreads.Backoff backoff = new ConsumerThreads.Backoff(settings.retryBackoff());

        Loop(Consumer<ByteBuffer, ByteBuffer> consumer) {
            this.consumer = consumer;
        }

        private boolean paused;

        /** Follows the operator's pause/resume: a pause takes effect once the batch in flight is done. */
        private void followPauseRequest() {
            if (pauseRequested && !paused) {
                if (inFlight != null && !finish()) {
                    retry(Map.of());
                    return;
                }
                consumer.pause(consumer.assignment());
                paused = true;
                pausedThreads.incrementAndGet();
                LOG.infof("Payment consumption paused on %s", consumer.assignment());
            } else if (!pauseRequested && paused) {
                consumer.resume(consumer.paused());
                paused = false;
                pausedThreads.decrementAndGet();
                LOG.info("Payment consumption resumed");
            }
        }

        void consume(ConsumerLags.Tracker lag) {
            try {
                while (threads.running()) {
                    followPauseRequest();
                    ConsumerRecords<ByteBuffer, ByteBuffer> records = consumer.poll(settings.pollTimeout());
                    lag.update(consumer);
                    if (records.isEmpty()) {
                        if (inFlight != null && !finish()) {
                            retry(Map.of());
                        }
                        continue;
                    }
                    List<IncomingRecord> batch = new ArrayList<>(records.count());
                    Map<TopicPartition, Long> first = new HashMap<>();
                    Map<TopicPartition, Long> next = new HashMap<>();
                    // per partition, in the order the records iterator yields them (no map update per record)
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<ByteBuffer, ByteBuffer>> part = records.records(tp);
                        if (part.isEmpty()) {
                            continue;
                        }
                        first.put(tp, part.get(0).offset());
                        next.put(tp, part.get(part.size() - 1).offset() + 1);
                        for (ConsumerRecord<ByteBuffer, ByteBuffer> r : part) {
                            batch.add(new IncomingRecord(IncomingRecord.Source.KAFKA, r.key(), r.value(), r.topic(),
                                    r.partition(), r.offset(), r.timestamp()));
                        }
                    }
                    List<Candidate> candidates = processor.parse(batch);
                    if (inFlight != null && !finish()) {
                        retry(first);
                        continue;
                    }
                    inFlight = new InFlight(processor.apply(candidates, settings.groupId(), next)
                            .subscribeAsCompletionStage(), first, next);
                }
            } finally {
                if (inFlight != null) {
                    finish();
                }
                if (paused) {
                    pausedThreads.decrementAndGet();
                }
            }
        }

        /** Waits for the batch in flight; commits its offsets to Kafka when it succeeded. */
        private boolean finish() {
            InFlight current = inFlight;
            inFlight = null;
            try {
                current.done().get(settings.batchTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedFirst = current.first();
                return false;
            } catch (Exception e) {
                LOG.warnf("Payment batch of %d partition(s) failed: %s", current.first().size(),
                        e.getCause() == null ? e.toString() : e.getCause().toString());
                failedFirst = current.first();
                return false;
            }
            backoff.succeeded();
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            current.next().forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitAsync(commit, (done, failure) -> {
                if (failure != null) {
                    LOG.debugf("Kafka offset commit failed (the database holds the position): %s", failure.toString());
                }
            });
            return true;
        }

        /** After a failure: back to the database's positions (what was polled is dropped), pause. */
        private void retry(Map<TopicPartition, Long> polled) {
            Map<TopicPartition, Long> first = new HashMap<>(polled);
            if (failedFirst != null) {
                failedFirst.forEach((tp, o) -> first.merge(tp, o, Math::min));
                failedFirst = null;
            }
            rewind(first);
            Duration pause = backoff.failed();
            LOG.warnf("Retrying payments from the database's positions in %s", pause);
            ConsumerThreads.sleep(pause);
        }

        /** Seeks to what the database says was applied (or, if it cannot answer, to the batch start). */
        private void rewind(Map<TopicPartition, Long> first) {
            Map<TopicPartition, Long> stored;
            try {
                stored = offsets.load(settings.groupId(), first.keySet()).await().atMost(Duration.ofSeconds(10));
            } catch (Exception e) {
                stored = Map.of();
            }
            var assigned = consumer.assignment();
            for (Map.Entry<TopicPartition, Long> e : first.entrySet()) {
                if (assigned.contains(e.getKey())) {
                    Long s = stored.get(e.getKey());
                    consumer.seek(e.getKey(), s != null ? Math.max(s, e.getValue()) : e.getValue());
                }
            }
        }

        /** Positions newly assigned partitions where the database says the ledger stands. */
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> stored = offsets.load(settings.groupId(), partitions)
                    .await().atMost(Duration.ofSeconds(30));
            stored.forEach(consumer::seek);
            if (paused) {
                consumer.pause(partitions);
            }
            LOG.debugf("Assigned %s; positions from the database: %s", partitions, stored);
        }

        /** Lets the batch in flight finish before another consumer takes over its partitions. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (inFlight != null && !finish()) {
                // the partitions' next owner starts from the database's positions
                Map<TopicPartition, Long> kept = new HashMap<>(failedFirst);
                kept.keySet().removeAll(partitions);
                failedFirst = kept.isEmpty() ? null : kept;
            }
        }
    }

    private Properties properties(int n) {
        Properties props = PlainConsumers.properties(kafkaSettings.bootstrapServers(), settings.groupId(),
                "execution-service-payments-" + n, ByteBufferDeserializer.class, ByteBufferDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxBatch()));
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(settings.fetchMinBytes()));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(settings.fetchMaxWait().toMillis()));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(settings.partitionFetchMaxBytes()));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(settings.fetchMaxBytes()));
        return props;
    }
}
