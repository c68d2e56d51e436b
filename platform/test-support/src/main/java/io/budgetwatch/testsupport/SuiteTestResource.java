package io.budgetwatch.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource pointing a service at the JVM's shared Kafka broker and at its own fresh
 * database, and making it trust the JVM's test tokens ({@link TestTokens}). Use with {@code @WithTestResource(value = SuiteTestResource.class, scope = GLOBAL,
 * initArgs = @ResourceArg(name = "database", value = "goals"))}.
 */
public class SuiteTestResource implements QuarkusTestResourceLifecycleManager {

    private String databaseName = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        databaseName = initArgs.getOrDefault("database", databaseName);
    }

    @Override
    public Map<String, String> start() {
        SuiteInfrastructure infra = SuiteInfrastructure.get();
        SuiteInfrastructure.Database db = infra.database(databaseName);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
        config.put("budgetwatch.kafka.bootstrap-servers", infra.kafkaBootstrap());
        config.putAll(TestTokens.serviceConfig());
        return config;
    }

    @Override
    public void stop() {
        // The broker and the server live as long as the JVM; the shutdown hook stops them.
    }
}
