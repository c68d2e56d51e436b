package io.budgetwatch.goals.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.goals.document.parse.TestDocuments;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumer that starts after the import learns every project from goals.projects alone. */
@QuarkusTest
class ProjectTopicTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Test
    void aLateConsumerSeesAllSevenSeedProjectsAtTheirLatestVersion() throws Exception {
        given().contentType("text/plain; charset=utf-8").body(TestDocuments.seedText()).post("/api/goal-documents")
                .then().statusCode(either(is(201)).or(is(200)));
        Map<String, Integer> expected = new HashMap<>();
        for (String code : TestDocuments.SEED_PROJECT_CODES) {
            expected.put(code, given().get("/api/projects/" + code).then().statusCode(200).extract().path("version"));
        }

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "late-consumer-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, ConsumerRecord<String, String>> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.PROJECTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    ConsumerRecord<String, String> seen = latest.get(record.key());
                    if (seen == null || version(seen) < version(record)) {
                        latest.put(record.key(), record);
                    }
                }
                return expected.entrySet().stream().allMatch(e -> latest.containsKey(e.getKey())
                        && version(latest.get(e.getKey())) == e.getValue());
            });
        }

        for (String code : TestDocuments.SEED_PROJECT_CODES) {
            ConsumerRecord<String, String> record = latest.get(code);
            ProjectSnapshot snapshot = mapper.readValue(record.value(), ProjectSnapshot.class);
            assertEquals(code, snapshot.projectCode());
            assertEquals(ProjectSnapshot.SCHEMA_VERSION, snapshot.schemaVersion());
            assertEquals(code + ":v" + snapshot.version(), snapshot.eventId());
            assertEquals(snapshot.eventId(), header(record, Topics.HEADER_EVENT_ID));
            assertEquals("ProjectSnapshot", header(record, Topics.HEADER_EVENT_TYPE));
            assertEquals("213001", snapshot.agencyCode());
            assertEquals(2021, snapshot.fiscalYear());
            assertEquals(List.of(LocalDate.of(2021, 3, 31), LocalDate.of(2021, 6, 30), LocalDate.of(2021, 10, 31),
                    LocalDate.of(2021, 12, 31)), snapshot.plan().stream().map(ProjectSnapshot.PlanPoint::checkpoint).toList());
            assertEquals(0, new BigDecimal("100").compareTo(snapshot.plan().get(3).cumulativePercent()));
            assertEquals(Boolean.TRUE, snapshot.inLatestDocument());
            assertNotNull(snapshot.sourceDocumentId());
            assertEquals(snapshot.budget().total(), snapshot.budget().fiscal().add(snapshot.budget().other()));
        }
        ProjectSnapshot small = mapper.readValue(latest.get("13030321VD9G2KEVUL475").value(), ProjectSnapshot.class);
        assertEquals(9, small.indicators().size());
        ProjectSnapshot.Indicator sixWan = small.indicators().stream()
                .filter(i -> "≤6万元".equals(i.targetRaw())).findFirst().orElseThrow();
        assertEquals(new BigDecimal("60000"), sixWan.target().baseValue());
        int total = TestDocuments.SEED_PROJECT_CODES.stream()
                .mapToInt(c -> read(latest.get(c)).path("indicators").size()).sum();
        assertEquals(58, total);
        BigDecimal budget = TestDocuments.SEED_PROJECT_CODES.stream()
                .map(c -> new BigDecimal(read(latest.get(c)).path("budget").path("total").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("894000.00"), budget);

        // keep one real event for the documentation
        String example = mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsString(read(latest.get("130303210B2L85R7NSB45")));
        Files.writeString(Path.of("target", "project-snapshot-example.json"), example, StandardCharsets.UTF_8);
        assertTrue(example.contains("\"name\" : \"车辆保险费\""), example);
    }

    private JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int version(ConsumerRecord<String, String> record) {
        return read(record).path("version").asInt();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
