package io.budgetwatch.common.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "budgetwatch.kafka")
public interface KafkaSettings {

    /** Broker list; the same value SmallRye messaging uses. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** Create the suite's topics at start-up when they do not exist yet. */
    @WithDefault("true")
    boolean createTopics();

    /** Partitions of topics the service creates. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of topics the service creates (1 on a single local broker). */
    @WithDefault("1")
    short replicationFactor();
}
