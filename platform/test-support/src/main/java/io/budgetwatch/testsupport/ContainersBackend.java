package io.budgetwatch.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Opt-in Docker backend (Testcontainers); these machines have no Docker, so it is never the default. The images are
 * of the versions the embedded servers run (the root pom's {@code kafka.version} and {@code postgres.major}).
 */
final class ContainersBackend {

    private ContainersBackend() {
    }

    /** The versions of the root pom, as filtered into {@code test-servers.properties}. */
    static java.util.Properties versions() {
        java.util.Properties p = new java.util.Properties();
        try (var in = ContainersBackend.class.getResourceAsStream("/test-servers.properties")) {
            p.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("test-servers.properties missing from test-support", e);
        }
        return p;
    }

    static String kafkaImage() {
        return "apache/kafka:" + versions().getProperty("kafka.version");
    }

    static String postgresImage() {
        return "postgres:" + versions().getProperty("postgres.major") + "-alpine";
    }

    static SuiteInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(kafkaImage());
        PostgreSQLContainer postgres = new PostgreSQLContainer(postgresImage())
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
