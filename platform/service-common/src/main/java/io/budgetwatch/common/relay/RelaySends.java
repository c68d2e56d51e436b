package io.budgetwatch.common.relay;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * How every relay sends a batch: builds its records and sends them on a worker thread (serialization and the
 * blocking Kafka calls stay off the event loop), then waits for every acknowledgement, so the caller moves its
 * cursor or marks its rows published only once the broker holds the whole batch.
 */
public final class RelaySends {

    private RelaySends() {
    }

    /**
     * Sends the records {@code build} makes with {@code producer}; completes once all are acknowledged, fails if
     * the broker refused any ({@code what} names them in the error).
     */
    public static <K, V> Uni<Void> sendAll(Supplier<Producer<K, V>> producer,
                                           Supplier<List<ProducerRecord<K, V>>> build, String what) {
        return Uni.createFrom().<Void>item(() -> {
            List<ProducerRecord<K, V>> records = build.get();
            Producer<K, V> p = producer.get();
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<K, V> record : records) {
                acks.add(p.send(record));
            }
            p.flush();
            try {
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending " + what, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused " + what, e.getCause());
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
