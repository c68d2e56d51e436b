package io.budgetwatch.execution.kafka;

import io.budgetwatch.common.kafka.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.budgetwatch.common.kafka.KafkaClientSecurity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Properties;

/**
 * Producers of this service's relays: keys and values as bytes (the DLQ passes the original key
 * through untouched), acks=all and idempotent. The ledger producer batches more for throughput.
 */
@ApplicationScoped
public class Producers {

    @Inject
    KafkaSettings settings;

    private Producer<byte[], byte[]> raw;
    private Producer<byte[], byte[]> ledger;

    public synchronized Producer<byte[], byte[]> raw() {
        if (raw == null) {
            raw = create("execution-service-dlq", 5, 64 * 1024);
        }
        return raw;
    }

    public synchronized Producer<byte[], byte[]> ledger() {
        if (ledger == null) {
            ledger = create("execution-service-ledger", 10, 256 * 1024);
        }
        return ledger;
    }

    private Producer<byte[], byte[]> create(String clientId, int lingerMs, int batchSize) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(batchSize));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(KafkaClientSecurity.addTo(props));
    }

    synchronized void close(@Observes ShutdownEvent event) {
        for (Producer<byte[], byte[]> p : new Producer[] {raw, ledger}) {
            if (p != null) {
                p.close(Duration.ofSeconds(5));
            }
        }
        raw = null;
        ledger = null;
    }
}
