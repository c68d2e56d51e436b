package io.budgetwatch.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the local stack starts and where. Read from environment variables (the names the services use where they
 * share a meaning), so {@code deploy/local/up} configures the stack and the services from one environment.
 *
 * @param dataDir        root of the kept data: {@code postgres/} (cluster), {@code kafka/} (log dirs), {@code pg-bin/}
 * @param pgPort         PostgreSQL port ({@code BUDGETWATCH_DB_PORT}, 15432)
 * @param dbUser         role the services log in with ({@code BUDGETWATCH_DB_USER}, budgetwatch)
 * @param dbPassword     its password ({@code BUDGETWATCH_DB_PASSWORD}, budgetwatch)
 * @param databases      databases owned by that role ({@code BUDGETWATCH_DATABASES}, goals,execution,reporting)
 * @param kafkaPort      broker listener on localhost ({@code BUDGETWATCH_KAFKA_PORT}, 9092)
 * @param controllerPort KRaft controller listener ({@code BUDGETWATCH_KAFKA_CONTROLLER_PORT}; 0 = any free port)
 * @param partitions     partitions of the suite topics ({@code BUDGETWATCH_KAFKA_PARTITIONS}, 6)
 * @param keycloakDbPassword password of the role {@value #KEYCLOAK} that owns the database {@value #KEYCLOAK}
 *                       ({@code BUDGETWATCH_KEYCLOAK_DB_PASSWORD}); {@code null}: no Keycloak database
 */
public record StackSettings(Path dataDir, int pgPort, String dbUser, String dbPassword, List<String> databases,
                            int kafkaPort, int controllerPort, int partitions, String keycloakDbPassword) {

    public static final List<String> SUITE_DATABASES = List.of("goals", "execution", "reporting");
    /** Role and database of Keycloak: its own, so the services' role cannot read its credential tables. */
    public static final String KEYCLOAK = "keycloak";

    public StackSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        databases = List.copyOf(databases);
        for (String db : databases) {
            if (!db.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("Database name must be a lower-case identifier: " + db);
            }
        }
        if (!dbUser.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database user must be a lower-case identifier: " + dbUser);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Partitions must be at least 1: " + partitions);
        }
        if (databases.contains(KEYCLOAK) || dbUser.equals(KEYCLOAK)) {
            throw new IllegalArgumentException("'" + KEYCLOAK + "' is Keycloak's own role and database");
        }
        if (keycloakDbPassword != null && keycloakDbPassword.isBlank()) {
            keycloakDbPassword = null;
        }
    }

    /** Without a Keycloak database. */
    public StackSettings(Path dataDir, int pgPort, String dbUser, String dbPassword, List<String> databases,
                         int kafkaPort, int controllerPort, int partitions) {
        this(dataDir, pgPort, dbUser, dbPassword, databases, kafkaPort, controllerPort, partitions, null);
    }

    public boolean keycloakDatabase() {
        return keycloakDbPassword != null;
    }

    public static StackSettings fromEnvironment(Map<String, String> env) {
        return new StackSettings(
                Path.of(value(env, "BUDGETWATCH_STACK_DATA", "deploy/local/data")),
                intValue(env, "BUDGETWATCH_DB_PORT", 15432),
                value(env, "BUDGETWATCH_DB_USER", "budgetwatch"),
                value(env, "BUDGETWATCH_DB_PASSWORD", "budgetwatch"),
                Arrays.stream(value(env, "BUDGETWATCH_DATABASES", String.join(",", SUITE_DATABASES)).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                intValue(env, "BUDGETWATCH_KAFKA_PORT", 9092),
                intValue(env, "BUDGETWATCH_KAFKA_CONTROLLER_PORT", 0),
                intValue(env, "BUDGETWATCH_KAFKA_PARTITIONS", 6),
                value(env, "BUDGETWATCH_KEYCLOAK_DB_PASSWORD", null));
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String v = value(env, name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }
}
