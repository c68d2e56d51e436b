package io.budgetwatch.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Opt-in Docker backend (Testcontainers); these machines have no Docker, so it is never the default. */
final class ContainersBackend {

    private ContainersBackend() {
    }

    static SuiteInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine")
                .withUsername("postgres").withPassword("postgres");
        kafka.start();
        postgres.start();
        return SuiteInfrastructure.of(kafka.getBootstrapServers(), postgres.getHost(),
                postgres.getMappedPort(5432), "postgres", "postgres", () -> {
                    kafka.stop();
                    postgres.stop();
                });
    }
}
