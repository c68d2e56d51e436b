package io.budgetwatch.execution.payment;

import io.budgetwatch.common.kafka.KafkaSettings;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.kafka.ConsumerOffsets;
import io.budgetwatch.execution.project.CatalogSettings;
import io.budgetwatch.execution.project.ProjectSnapshotConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Consumes treasury.payments in batches on dedicated threads: poll, parse, apply the batch in one
 * database transaction that also stores the consumer position, then commit the offsets to Kafka (for
 * lag monitoring only). On (re)assignment a partition is positioned from the database, so a crash
 * between the database commit and the Kafka commit neither loses nor repeats anything. A failed batch
 * is rewound and retried with backoff; nothing is skipped.
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

    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        if (!settings.consumerEnabled()) {
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, settings.consumers()); i++) {
            int n = i;
            Thread t = new Thread(() -> run(n), "payments-consumer-" + n);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(int n) {
        try {
            catalogConsumer.initialSync().toCompletableFuture()
                    .get(catalogSettings.initialSyncTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("Project catalog not caught up at start (%s); consuming payments anyway", e.toString());
        }
        while (running) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(n));
            consumers.add(consumer);
            try {
                consumer.subscribe(List.of(Topics.TREASURY_PAYMENTS), new PositionFromDatabase(consumer));
                consume(consumer);
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    LOG.warnf(e, "Payment consumer %d failed; restarting", n);
                    pause(Duration.ofSeconds(2));
                }
            } finally {
                consumers.remove(consumer);
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> consumer) {
        Duration backoff = settings.retryBackoff();
        while (running) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
            if (records.isEmpty()) {
                continue;
            }
            List<IncomingRecord> batch = new ArrayList<>(records.count());
            Map<TopicPartition, Long> first = new HashMap<>();
            Map<TopicPartition, Long> next = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                first.putIfAbsent(tp, r.offset());
                next.put(tp, r.offset() + 1);
                batch.add(new IncomingRecord(IncomingRecord.Source.KAFKA, r.key(), r.value(), r.topic(), r.partition(),
                        r.offset(), r.timestamp()));
            }
            try {
                List<Candidate> candidates = processor.parse(batch);
                processor.apply(candidates, settings.groupId(), next).await().atMost(settings.batchTimeout());
                backoff = settings.retryBackoff();
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                LOG.warnf("Payment batch of %d records failed, retrying in %s: %s", batch.size(), backoff, e.toString());
                rewind(consumer, first);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            next.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitAsync(commit, (done, failure) -> {
                if (failure != null) {
                    LOG.debugf("Kafka offset commit failed (the database holds the position): %s", failure.toString());
                }
            });
        }
    }

    /** Back to what the database says was applied (or, if it cannot answer, to the batch start). */
    private void rewind(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> first) {
        Map<TopicPartition, Long> stored;
        try {
            stored = offsets.load(settings.groupId(), first.keySet()).await().atMost(Duration.ofSeconds(10));
        } catch (Exception e) {
            stored = Map.of();
        }
        for (Map.Entry<TopicPartition, Long> e : first.entrySet()) {
            Long s = stored.get(e.getKey());
            consumer.seek(e.getKey(), s != null ? Math.max(s, e.getValue()) : e.getValue());
        }
    }

    private Properties properties(int n) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaSettings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "execution-service-payments-" + n);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxBatch()));
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(settings.fetchMinBytes()));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(settings.fetchMaxWait().toMillis()));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        return props;
    }

    /** Positions newly assigned partitions where the database says the ledger stands. */
    private final class PositionFromDatabase implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;

        PositionFromDatabase(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> stored = offsets.load(settings.groupId(), partitions)
                    .await().atMost(Duration.ofSeconds(30));
            stored.forEach(consumer::seek);
            LOG.debugf("Assigned %s; positions from the database: %s", partitions, stored);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // batches are applied synchronously between polls: nothing is in flight here
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
