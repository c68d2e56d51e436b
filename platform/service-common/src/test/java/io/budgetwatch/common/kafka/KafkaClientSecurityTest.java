package io.budgetwatch.common.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KafkaClientSecurityTest {

    @AfterEach
    void clear() {
        System.clearProperty("kafka.security.protocol");
        System.clearProperty("kafka.sasl.mechanism");
        System.clearProperty("kafka.sasl.jaas.config");
        fresh();
    }

    /** The next ConfigProvider.getConfig() reads the system properties anew. */
    private static void fresh() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @Test
    void thePlainClientsTakeTheBrokersSecuritySettingsAndNothingWhenThereAreNone() {
        Properties plain = PlainConsumers.properties("broker:9093", "g", "c", StringDeserializer.class,
                StringDeserializer.class);
        assertFalse(plain.containsKey("security.protocol"), plain.toString());

        System.setProperty("kafka.security.protocol", "SASL_SSL");
        System.setProperty("kafka.sasl.mechanism", "SCRAM-SHA-512");
        System.setProperty("kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"execution\" password=\"p\";");
        fresh();
        Properties secured = PlainConsumers.properties("broker:9093", "g", "c", StringDeserializer.class,
                StringDeserializer.class);
        assertEquals("SASL_SSL", secured.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", secured.get("sasl.mechanism"));
        assertEquals("broker:9093", secured.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertFalse(secured.containsKey("ssl.truststore.location"), "only what is configured");
    }
}
