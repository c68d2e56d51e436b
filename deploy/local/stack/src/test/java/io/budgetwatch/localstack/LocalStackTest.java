package io.budgetwatch.localstack;

import io.budgetwatch.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack on loopback, in a temporary folder: provisioning, password auth, and data kept across a restart. */
class LocalStackTest {

    private static final String NAME = "中共秦皇岛市山海关区委统战部本级";

    @TempDir
    Path data;

    @Test
    void provisionsRoleDatabasesAndTopicsAndKeepsDataAcrossRestart() throws Exception {
        StackSettings settings = new StackSettings(data, LocalKafka.freePort(), "budgetwatch", "s3cret'pw",
                StackSettings.SUITE_DATABASES, LocalKafka.freePort(), 0, 2, "kc'pw");

        String clusterId;
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            assertTrue(stack.readyLine().startsWith("READY postgres=localhost:" + settings.pgPort()
                    + " kafka=localhost:" + settings.kafkaPort()), stack.readyLine());

            for (String db : StackSettings.SUITE_DATABASES) {
                try (Connection c = connect(settings, db, settings.dbPassword()); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT current_user, pg_encoding_to_char(d.encoding), "
                             + "pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname = current_database()")) {
                    assertTrue(rs.next());
                    assertEquals("budgetwatch", rs.getString(1));
                    assertEquals("UTF8", rs.getString(2));
                    assertEquals("budgetwatch", rs.getString(3));
                }
            }
            SQLException refused = assertThrows(SQLException.class, () -> connect(settings, "goals", "budgetwatch"));
            assertEquals("28P01", refused.getSQLState(), refused.getMessage());

            // Keycloak's database: its own role owns it, the services' role may not even connect.
            try (Connection c = connect(settings, "keycloak", "keycloak", "kc'pw"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user, pg_get_userbyid(d.datdba), "
                         + "(SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public') "
                         + "FROM pg_database d WHERE d.datname = current_database()")) {
                assertTrue(rs.next());
                assertEquals(List.of("keycloak", "keycloak", "keycloak"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            SQLException noConnect = assertThrows(SQLException.class,
                    () -> connect(settings, "keycloak", settings.dbPassword()));
            assertEquals("42501", noConnect.getSQLState(), noConnect.getMessage());
            assertTrue(stack.readyLine().contains(" databases=goals,execution,reporting,keycloak "), stack.readyLine());

            try (Connection c = connect(settings, "goals", settings.dbPassword()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE agency (code text PRIMARY KEY, name text NOT NULL)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO agency VALUES (?, ?)")) {
                    ps.setString(1, "213001");
                    ps.setString(2, NAME);
                    ps.executeUpdate();
                }
            }

            try (Admin admin = admin(settings)) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                        Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
                assertEquals(Topics.ALL.size(), topics.size());
                topics.values().forEach(t -> assertEquals(2, t.partitions().size(), t.name()));
                for (Topics.Spec spec : Topics.ALL) {
                    assertEquals(spec.compacted() ? "compact" : "delete", cleanupPolicy(admin, spec.name()), spec.name());
                }
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + settings.kafkaPort(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.PROJECTS, 0, "213001210000000000001", NAME))
                        .get(30, TimeUnit.SECONDS);
            }
            clusterId = clusterId(data);
        }

        // Same folder, second start: nothing re-initialised, everything still there.
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            assertEquals(clusterId, clusterId(data), "Kafka storage must not be formatted again");
            try (Connection c = connect(settings, "goals", settings.dbPassword()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM agency WHERE code = '213001'")) {
                assertTrue(rs.next());
                assertEquals(NAME, rs.getString(1));
            }
            assertEquals(List.of(NAME), readPartitionZero(settings, Topics.PROJECTS));
            try (Admin admin = admin(settings)) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertTrue(names.containsAll(Topics.ALL.stream().map(Topics.Spec::name).collect(Collectors.toSet())));
            }
        }
    }

    private static Connection connect(StackSettings settings, String db, String password) throws SQLException {
        return connect(settings, db, settings.dbUser(), password);
    }

    private static Connection connect(StackSettings settings, String db, String user, String password)
            throws SQLException {
        return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + settings.pgPort() + "/" + db, user, password);
    }

    private static Admin admin(StackSettings settings) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + settings.kafkaPort()));
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    private static String clusterId(Path data) throws Exception {
        return Files.readAllLines(data.resolve("kafka/meta.properties"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("cluster.id=")).findFirst().orElseThrow();
    }

    private static List<String> readPartitionZero(StackSettings settings, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + settings.kafkaPort()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
