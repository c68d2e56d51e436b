package io.budgetwatch.execution.voucher;

import io.budgetwatch.common.kafka.ConsumerLags;
import io.budgetwatch.common.kafka.ConsumerThreads;
import io.budgetwatch.common.kafka.KafkaSettings;
import io.budgetwatch.common.kafka.PlainConsumers;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.kafka.ConsumerOffsets;
import io.budgetwatch.execution.payment.IncomingRecord;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Consumes treasury.pay-vouchers on one thread, a batch per database transaction that also stores the consumer
 * position (as the payments consumer does: positions come from the database on assignment, Kafka's committed
 * offsets are for lag monitoring only). A failed batch is rewound to the database's positions and retried with
 * backoff; nothing is skipped. Vouchers are human-volume records (one per payment and state), so there is no
 * pipelining here.
 */
@ApplicationScoped
public class VoucherConsumer {

    private static final Logger LOG = Logger.getLogger(VoucherConsumer.class);

    @Inject
    KafkaSettings kafkaSettings;

    @Inject
    VoucherSettings settings;

    @Inject
    VoucherProcessor processor;

    @Inject
    ConsumerOffsets offsets;

    @Inject
    ConsumerLags lags;

    private ConsumerThreads<byte[], byte[]> threads;

    void start(@Observes StartupEvent event) {
        if (!settings.consumerEnabled()) {
            return;
        }
        threads = new ConsumerThreads<>("pay-vouchers-consumer", lags, settings.groupId());
        threads.start(1, n -> properties(), n -> this::consume);
    }

    void stop(@Observes ShutdownEvent event) {
        if (threads != null) {
            threads.stop(Duration.ofSeconds(10));
        }
    }

    private void consume(Consumer<byte[], byte[]> c, ConsumerLags.Tracker lag) {
        ConsumerThreads.Backoff backoff = new ConsumerThreads.Backoff(settings.retryBackoff());
        c.subscribe(List.of(Topics.TREASURY_PAY_VOUCHERS), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                positionFromDatabase(c, partitions);
            }
        });
        while (threads.running()) {
            ConsumerRecords<byte[], byte[]> records = c.poll(settings.pollTimeout());
            lag.update(c);
            if (records.isEmpty()) {
                continue;
            }
            List<IncomingRecord> batch = new ArrayList<>(records.count());
            Map<TopicPartition, Long> next = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> part = records.records(tp);
                next.put(tp, part.get(part.size() - 1).offset() + 1);
                for (ConsumerRecord<byte[], byte[]> r : part) {
                    batch.add(IncomingRecord.of(IncomingRecord.Source.KAFKA, r.key(), r.value(), r.topic(),
                            r.partition(), r.offset(), r.timestamp()));
                }
            }
            try {
                processor.apply(processor.parse(batch), settings.groupId(), next).await()
                        .atMost(settings.batchTimeout());
                backoff.succeeded();
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                next.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
                c.commitAsync(commit, null);
            } catch (RuntimeException e) {
                if (!threads.running()) {
                    break;
                }
                LOG.warnf("Voucher batch failed (%s); retrying from the database's positions in %s", e,
                        backoff.next());
                positionFromDatabase(c, next.keySet());
                ConsumerThreads.sleep(backoff.failed());
            }
        }
    }

    /** Seeks to what the database says was applied (others start where Kafka's group offsets say). */
    private void positionFromDatabase(Consumer<byte[], byte[]> c, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = offsets.load(settings.groupId(), partitions).await()
                .atMost(Duration.ofSeconds(30));
        stored.forEach(c::seek);
    }

    private Properties properties() {
        Properties props = PlainConsumers.properties(kafkaSettings.bootstrapServers(), settings.groupId(),
                "execution-service-pay-vouchers", ByteArrayDeserializer.class, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxBatch()));
        return props;
    }
}
