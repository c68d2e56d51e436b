package io.budgetwatch.common.kafka;

import io.budgetwatch.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The service's plain Kafka producer (used by the outbox relay) and topic provisioning. */
@ApplicationScoped
public class SuiteKafka {

    private static final Logger LOG = Logger.getLogger(SuiteKafka.class);

    @Inject
    KafkaSettings settings;

    private volatile Producer<String, byte[]> producer;

    public synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(KafkaClientSecurity.addTo(props));
        }
        return producer;
    }

    void provisionTopics(@Observes StartupEvent event) {
        if (!settings.createTopics()) {
            return;
        }
        // Off the start-up thread: a broker that is not up yet must not stop the service from starting.
        Infrastructure.getDefaultWorkerPool().execute(this::createMissingTopics);
    }

    /** Creates the suite topics that do not exist; keeps retrying until the broker answers. */
    void createMissingTopics() {
        Map<String, Object> conf = KafkaClientSecurity.addTo(new java.util.HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000)));
        for (int attempt = 1; attempt <= 20; attempt++) {
            try (Admin admin = Admin.create(conf)) {
                Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
                List<NewTopic> missing = Topics.ALL.stream()
                        .filter(spec -> !existing.contains(spec.name()))
                        .map(spec -> new NewTopic(spec.name(), settings.partitions(), settings.replicationFactor())
                                .configs(spec.configs()))
                        .toList();
                for (NewTopic topic : missing) {
                    try {
                        admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                        LOG.infof("Created topic %s (%d partitions)", topic.name(), topic.numPartitions());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Topic provisioning attempt %d failed: %s", attempt, e.toString());
                try {
                    Thread.sleep(Duration.ofSeconds(3).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void close(@Observes ShutdownEvent event) {
        Producer<String, byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
