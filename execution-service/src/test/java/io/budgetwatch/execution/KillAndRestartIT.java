package io.budgetwatch.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.ExpectedLedger;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.ServiceProcess;
import io.budgetwatch.testsupport.SqlQueries;
import io.budgetwatch.testsupport.SuiteInfrastructure;
import io.budgetwatch.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service is killed with SIGKILL in the middle of consuming a large stream of payments
 * (with duplicates and refunds), then restarted: afterwards the ledger holds every payment exactly
 * once (count and sum equal to what was produced, in the database and through the HTTP API), nothing
 * was refused, and execution.ledger carries every entry (at least once; distinct entry ids add up).
 */
class KillAndRestartIT {

    static final int PROJECTS = 20;
    static final int UNIQUE_PAYMENTS = 196_000;
    static final int DUPLICATES = 4_000;
    static final int REFUNDS = 4_000;
    static final String DATABASE = "execution_kill";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static ServiceProcess service;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** A manager of the projects' agency (the API needs a signed-in caller; this is not a @QuarkusTest). */
    static io.restassured.specification.RequestSpecification reader() {
        return given().header("Authorization", "Bearer " + TestTokens.user("manager-213001").roles("manager")
                .agencies("213001").sign());
    }

    static ServiceProcess startService() {
        Path root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        return ServiceProcess.of(root, "execution-service", DATABASE,
                // payments only: the ITs of this JVM share the broker (VoucherKillAndRestartIT's vouchers)
                Map.of("budgetwatch.execution.payments.group-id", "kill-test",
                        "budgetwatch.execution.pay-vouchers.consumer-enabled", "false")).start()
                .awaitReady(Duration.ofSeconds(120));
    }

    @Test
    void everyPaymentIsInTheLedgerExactlyOnceAfterAKillInTheMiddleOfConsuming() throws Exception {
        SuiteInfrastructure infra = SuiteInfrastructure.get();
        SuiteInfrastructure.Database db = infra.database(DATABASE);
        service = startService();

        // projects first, as goals-service would publish them
        List<String> projects = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrap())) {
            for (int i = 0; i < PROJECTS; i++) {
                String code = String.format("130303219%012d", 700_000 + i);
                projects.add(code);
                ProjectSnapshot snapshot = new ProjectSnapshot(1, "kill-" + code, Instant.parse("2021-03-01T00:00:00Z"),
                        code, 1, 2021, "213001", "中共秦皇岛市山海关区委统战部本级", "压力测试项目 " + i,
                        new ProjectSnapshot.Budget(new BigDecimal("100000000.00"), new BigDecimal("60000000.00"),
                                new BigDecimal("40000000.00")), null, List.of(), List.of(), List.of(), List.of(), null);
                kafka.send(Topics.PROJECTS, code, JSON.writeValueAsBytes(snapshot));
            }
        }
        for (String code : projects) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    reader().get(service.url("/api/projects/" + code + "/ledger")).then().statusCode(200));
        }

        // the stream: payments, 2 % re-sent (same bytes), 2 % refunds after their original
        ExpectedLedger expected = new ExpectedLedger();
        List<ProducerRecord<String, byte[]>> stream = stream(projects, expected);
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(infra.kafkaBootstrap(), stream));

        long atKill;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            long threshold = expected.entries / 5;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long count = 0;
            while (count < threshold && System.nanoTime() < deadline) {
                count = count(c, "SELECT count(*) FROM ledger_entry");
                Thread.sleep(10);
            }
            service.kill();
            atKill = count(c, "SELECT count(*) FROM ledger_entry");
        }
        assertTrue(atKill >= expected.entries / 5 && atKill < expected.entries,
                "killed in the middle: " + atKill + " of " + expected.entries + " entries were in");
        producing.get();
        System.out.printf("KillAndRestartIT: %d records sent, SIGKILL with %d of %d ledger entries in%n",
                stream.size(), atKill, expected.entries);

        service = startService();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(c, "SELECT count(*) FROM ledger_entry") >= expected.entries);
            assertEquals(expected.entries, count(c, "SELECT count(*) FROM ledger_entry"));
            assertEquals(0, expected.sum.compareTo(decimal(c, "SELECT sum(amount) FROM ledger_entry")),
                    "sum of the ledger");
            assertEquals(expected.entries, count(c, "SELECT sum(entry_count) FROM project_total"));
            assertEquals(0, count(c, "SELECT count(*) FROM dlq_record"), "nothing refused");
            assertEquals(0, count(c, "SELECT count(*) FROM payment_conflict"), "no conflicts");
            assertEquals(0, count(c, "SELECT count(*) FROM held_payment"), "nothing held");
            // running totals are consistent with the entries
            assertEquals(0, count(c, "SELECT count(*) FROM project_total t WHERE executed_total <> "
                    + "(SELECT sum(amount) FROM ledger_entry e WHERE e.project_code = t.project_code)"));
        }
        for (String code : projects) {
            JsonPath ledger = reader().queryParam("limit", 0).get(service.url("/api/projects/" + code + "/ledger"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(expected.byProject.get(code).toPlainString(), ledger.getString("executed.total"), code);
            assertEquals((long) expected.entriesByProject.get(code), ledger.getLong("entryCount"), code);
        }

        // execution.ledger: every entry published at least once; distinct entries add up to the ledger
        Map<String, BigDecimal> published = readLedgerTopic(infra.kafkaBootstrap(), expected.entries,
                java.util.Set.copyOf(projects));
        assertEquals(expected.entries, published.size(), "distinct entries on execution.ledger");
        BigDecimal publishedSum = published.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, expected.sum.compareTo(publishedSum), "sum of execution.ledger");
    }

    static List<ProducerRecord<String, byte[]>> stream(List<String> projects, ExpectedLedger expected) throws Exception {
        Random random = new Random(20210701);
        List<ProducerRecord<String, byte[]>> stream = new ArrayList<>(UNIQUE_PAYMENTS + DUPLICATES + REFUNDS);
        List<Object[]> refundable = new ArrayList<>(); // {id, project, amount, fund}
        for (String p : projects) {
            expected.byProject.put(p, BigDecimal.ZERO.setScale(2));
            expected.entriesByProject.put(p, 0L);
        }
        int duplicates = 0;
        int refunds = 0;
        for (int i = 0; i < UNIQUE_PAYMENTS; i++) {
            String project = projects.get(random.nextInt(projects.size()));
            String id = String.format("KILL-%07d", i);
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
            String fund = random.nextInt(10) < 7 ? "FISCAL" : "OTHER";
            byte[] value = JSON.writeValueAsBytes(record(id, "PAYMENT", null, project, amount, fund));
            stream.add(new ProducerRecord<>(Topics.TREASURY_PAYMENTS, project, value));
            expected.add(project, amount);
            refundable.add(new Object[] {id, project, amount, fund});
            if (i % 49 == 48 && duplicates < DUPLICATES) {
                int back = random.nextInt(Math.min(stream.size(), 5000));
                stream.add(stream.get(stream.size() - 1 - back)); // same key, same bytes
                duplicates++;
            }
            if (i % 49 == 20 && refunds < REFUNDS) {
                Object[] original = refundable.remove(random.nextInt(refundable.size()));
                BigDecimal part = ((BigDecimal) original[2]).divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
                String rid = String.format("KILL-R%06d", refunds);
                byte[] r = JSON.writeValueAsBytes(record(rid, "REFUND", (String) original[0], (String) original[1],
                        part, (String) original[3]));
                stream.add(new ProducerRecord<>(Topics.TREASURY_PAYMENTS, (String) original[1], r));
                expected.add((String) original[1], part.negate());
                refunds++;
            }
        }
        return stream;
    }

    static Map<String, Object> record(String id, String kind, String original, String project, BigDecimal amount,
                                      String fund) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paymentId", id);
        m.put("kind", kind);
        if (original != null) {
            m.put("originalPaymentId", original);
        }
        m.put("fiscalYear", 2021);
        m.put("agencyCode", "213001");
        m.put("projectCode", project);
        m.put("amount", amount.toPlainString());
        m.put("fundSource", fund);
        m.put("paidOn", LocalDate.of(2021, 1 + (id.hashCode() & 0x7fffffff) % 6, 15).toString());
        m.put("economicClass", "30211");
        m.put("functionalClass", "2010101");
        m.put("authorityDocNo", "秦山财预〔2021〕12号");
        m.put("payee", "秦皇岛市某某办公用品有限公司");
        m.put("purpose", "REFUND".equals(kind) ? "退回多付款项" : "统战工作宣传资料印刷费");
        return m;
    }

    static void produce(String bootstrap, List<ProducerRecord<String, byte[]>> stream) {
        KafkaTestClient.produceAll(bootstrap, stream);
    }

    /** Distinct entries on execution.ledger of these projects (other tests of the JVM share the broker). */
    static Map<String, BigDecimal> readLedgerTopic(String bootstrap, long distinctWanted, java.util.Set<String> projects)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, BigDecimal> entries = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEDGER, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(Topics.LEDGER, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (entries.size() < distinctWanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!projects.contains(r.key())) {
                        continue;
                    }
                    var node = JSON.readTree(r.value());
                    entries.put(node.get("entryId").asText(), new BigDecimal(node.get("amount").asText()));
                }
            }
        }
        return entries;
    }

    static long count(Connection c, String sql) throws Exception {
        return SqlQueries.count(c, sql);
    }

    static BigDecimal decimal(Connection c, String sql) throws Exception {
        return SqlQueries.decimal(c, sql);
    }
}
