package io.budgetwatch.common.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Properties;

/** Where the suite's plain Kafka consumers (those that are not messaging channels) start from. */
public final class PlainConsumers {

    private PlainConsumers() {
    }

    /**
     * No automatic commits (each consumer commits, or stores its position, after its database work), only
     * committed records of transactional producers, no topic created by a subscription. With a group, a new
     * group starts at the earliest record; without one (assigned partitions), positions are the caller's.
     */
    public static Properties properties(String bootstrapServers, String groupId, String clientId,
                                        Class<? extends Deserializer<?>> keys, Class<? extends Deserializer<?>> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // A replica killed with SIGKILL leaves no goodbye: the broker gives its partitions to the others
            // once the session expires, so the session is 10 s (the client's default is 45 s).
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        }
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keys.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return KafkaClientSecurity.addTo(p);
    }
}
