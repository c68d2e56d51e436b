package io.budgetwatch.common.kafka;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's security settings for the suite's plain Kafka clients, from the same {@code kafka.*} keys the
 * messaging channels take (as environment variables {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, ...): SASL/SCRAM over TLS in production,
 * nothing on the local stack's plaintext loopback broker.
 */
public final class KafkaClientSecurity {

    static final List<String> KEYS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.truststore.certificates",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password",
            "ssl.endpoint.identification.algorithm");

    private KafkaClientSecurity() {
    }

    /** Adds each configured {@code kafka.<key>} of {@link #KEYS} to a client's properties, without the prefix. */
    public static <M extends Map<? super String, Object>> M addTo(M properties) {
        Config config = ConfigProvider.getConfig();
        for (String key : KEYS) {
            Optional<String> value = config.getOptionalValue("kafka." + key, String.class);
            value.filter(v -> !v.isBlank()).ifPresent(v -> properties.put(key, v));
        }
        return properties;
    }
}
