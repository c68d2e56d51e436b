package io.budgetwatch.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.ExpectedLedger;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.ServiceProcess;
import io.budgetwatch.testsupport.SqlQueries;
import io.budgetwatch.testsupport.SuiteInfrastructure;
import io.budgetwatch.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of each service on one broker and one database per service. The seed goal document is imported on
 * both goals replicas at the same moment (one version); 100 000 treasury payments and 10 000 re-sent ones go over
 * Kafka to the seed's 7 projects while one replica of each service is killed with SIGKILL; afterwards the ledger and
 * the progress of every project are exact on both replicas, and the partition takeover time is printed. Then the
 * reporting replicas run with the checkpoint scheduler on: each alert is stored once, is on {@code budget.alerts}
 * once and reaches the webhook receiver once (a refused first delivery is retried once), and every replica's live
 * stream shows a change. A read-model rebuild on one reporting replica while payments flow through the other leaves
 * the totals exact. Last, refunds whose original never comes are refused once each, with both execution replicas
 * looking for due holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final String AGENCY = "213001";
    static final String OTHER_AGENCY = "213002";
    static final int PAYMENTS = 100_000;
    static final int DUPLICATES = 10_000;
    static final int LATE_PAYMENTS = 5_000;
    static final String GOALS_DB = "goals_replicas";
    static final String EXECUTION_DB = "execution_replicas";
    static final String REPORTING_DB = "reporting_replicas";
    static final LocalDate BUSINESS_DATE = LocalDate.of(2021, 7, 1);
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PLANNER = TestTokens.user("planner-replicas").roles("planner").agencies(AGENCY, OTHER_AGENCY)
            .expiresIn(3600).sign();
    static final String MANAGER = TestTokens.user("manager-replicas").roles("manager").agencies(AGENCY, OTHER_AGENCY)
            .expiresIn(3600).sign();
    static final String TREASURY = TestTokens.user("service-account-treasury").roles("treasury").expiresIn(3600).sign();
    static final String ADMIN = TestTokens.user("admin").roles("admin").expiresIn(3600).sign();

    static Path root;
    static Path demo;
    static WebhookReceiver webhook;
    static final ServiceProcess[] goals = new ServiceProcess[2];
    static final ServiceProcess[] execution = new ServiceProcess[2];
    static final ServiceProcess[] reporting = new ServiceProcess[2];

    /** The seed's projects (paid by the stream) and the other agency's (never paid: they lag at every checkpoint). */
    static List<String> paidProjects;
    static List<String> idleProjects;
    static final ExpectedLedger expected = new ExpectedLedger();

    @BeforeAll
    static void startTwoReplicasOfEachService() throws Exception {
        root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        demo = root.resolve("deploy/local/demo");
        webhook = WebhookReceiver.start();
        for (int i = 0; i < 2; i++) {
            goals[i] = ServiceProcess.of(root, "goals-service", GOALS_DB, replica(i), Map.of()).start();
            // a refund whose original never comes is refused after 5 s, looked for every second on each replica
            execution[i] = ServiceProcess.of(root, "execution-service", EXECUTION_DB, replica(i),
                    Map.of("budgetwatch.execution.payments.hold-timeout", "PT5S",
                            "budgetwatch.execution.payments.hold-check-interval", "1s")).start();
        }
        for (int i = 0; i < 2; i++) {
            reporting[i] = reportingReplica(i, false).start();
        }
        for (ServiceProcess[] service : List.of(goals, execution, reporting)) {
            for (ServiceProcess replica : service) {
                replica.awaitReady(Duration.ofSeconds(180));
            }
        }
    }

    @AfterAll
    static void stopEverything() {
        for (ServiceProcess[] service : List.of(reporting, execution, goals)) {
            for (ServiceProcess replica : service) {
                if (replica != null) {
                    replica.close();
                }
            }
        }
        if (webhook != null) {
            webhook.stop();
        }
    }

    static String replica(int i) {
        return i == 0 ? "a" : "b";
    }

    /** Reporting at the business date 1 July 2021, delivering alerts to the receiver; the scheduler as asked. */
    static ServiceProcess reportingReplica(int i, boolean scheduler) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("budgetwatch.execution.url", execution[0].url(""));
        properties.put("budgetwatch.clock.demo-date", BUSINESS_DATE.toString());
        properties.put("budgetwatch.alerts.scheduler-enabled", String.valueOf(scheduler));
        properties.put("budgetwatch.alerts.evaluation-interval", "2s");
        properties.put("budgetwatch.alerts.initial-delay", "3s");
        properties.put("budgetwatch.alerts.webhooks.receiver.url", webhook.url());
        properties.put("budgetwatch.alerts.webhooks.receiver.secret", "replicas-test-secret");
        properties.put("budgetwatch.alerts.delivery.poll-interval", "500ms");
        return ServiceProcess.of(root, "reporting-service", REPORTING_DB, replica(i), properties);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    @Order(1)
    void theSameDocumentImportedOnBothGoalsReplicasAtOnceGivesOneVersion() throws Exception {
        byte[] seed = Files.readAllBytes(demo.resolve("goal-document-2021.txt"));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Response>> imports = new ArrayList<>();
        for (ServiceProcess replica : goals) {
            imports.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return as(PLANNER).contentType("text/plain; charset=utf-8").body(seed)
                        .post(replica.url("/api/goal-documents"));
            }));
        }
        go.countDown();
        List<Response> answers = imports.stream().map(CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 201), statuses, "one import creates, the other finds the same bytes stored");
        assertEquals(answers.get(0).jsonPath().getString("documentId"), answers.get(1).jsonPath().getString("documentId"));
        assertEquals(1, answers.get(0).jsonPath().getInt("version"));
        assertEquals(1, answers.get(1).jsonPath().getInt("version"));
        for (ServiceProcess replica : goals) {
            as(MANAGER).get(replica.url("/api/goal-documents?agency=" + AGENCY + "&year=2021")).then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(1));
        }
        try (Connection c = connect(GOALS_DB)) {
            assertEquals(1, SqlQueries.count(c, "SELECT count(*) FROM goal_document WHERE agency_code = '" + AGENCY + "'"));
            assertEquals(7, SqlQueries.count(c, "SELECT count(*) FROM project WHERE agency_code = '" + AGENCY + "'"));
        }
        paidProjects = answers.get(0).jsonPath().getList("projectCodes", String.class);
        assertEquals(7, paidProjects.size());

        byte[] other = Files.readAllBytes(demo.resolve("goal-document-2021-213002-demo.txt"));
        idleProjects = as(PLANNER).contentType("text/plain; charset=utf-8").body(other)
                .post(goals[1].url("/api/goal-documents")).then().statusCode(201)
                .extract().jsonPath().getList("projectCodes", String.class);
        assertFalse(idleProjects.isEmpty());

        // both execution replicas and both reporting replicas know every project from goals.projects
        for (String code : concat(paidProjects, idleProjects)) {
            for (ServiceProcess replica : execution) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        as(MANAGER).get(replica.url("/api/projects/" + code + "/ledger")).then().statusCode(200));
            }
            for (ServiceProcess replica : reporting) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        as(MANAGER).get(replica.url("/api/projects/" + code + "/progress?asOf=2021-12-31"))
                                .then().statusCode(200));
            }
        }
    }

    @Test
    @Order(2)
    void paymentsStayExactWhenOneReplicaOfEachServiceIsKilledMidStream() throws Exception {
        String bootstrap = SuiteInfrastructure.get().kafkaBootstrap();
        List<ProducerRecord<String, byte[]>> stream = stream(paidProjects, PAYMENTS, DUPLICATES, "RPL-", expected);
        long started = System.nanoTime();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> KafkaTestClient.produceAll(bootstrap, stream));

        long atKill;
        long killedAt;
        Map<TopicPartition, Long> paymentsAtKill;
        try (Connection c = connect(EXECUTION_DB); Admin admin = admin(bootstrap)) {
            long threshold = expected.entries * 3 / 10;
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> SqlQueries.count(c, "SELECT count(*) FROM ledger_entry") >= threshold);
            // one replica of each service at the same moment, without a chance to finish anything
            killedAt = System.nanoTime();
            List<CompletableFuture<Void>> kills = List.of(
                    CompletableFuture.runAsync(execution[0]::kill),
                    CompletableFuture.runAsync(reporting[0]::kill),
                    CompletableFuture.runAsync(goals[0]::kill));
            kills.forEach(CompletableFuture::join);
            atKill = SqlQueries.count(c, "SELECT count(*) FROM ledger_entry");
            paymentsAtKill = committed(admin, "execution-service", Topics.TREASURY_PAYMENTS);
            System.out.printf("ReplicasIT: SIGKILL of execution, reporting and goals replica a with %d of %d ledger "
                    + "entries in, %.1f s into the stream%n", atKill, expected.entries,
                    (killedAt - started) / 1e9);
            assertTrue(atKill < expected.entries, "killed in the middle: " + atKill + " of " + expected.entries);

            Takeover payments = takeover(admin, "execution-service", Topics.TREASURY_PAYMENTS, killedAt, paymentsAtKill);
            Takeover totals = takeover(admin, "reporting-service.project-totals", Topics.PROJECT_TOTALS, killedAt,
                    null);
            System.out.printf("ReplicasIT: partition takeover after SIGKILL: execution-service (%s): survivor holds "
                            + "all %d partitions after %.1f s, every partition behind at the kill moved by %.1f s; "
                            + "reporting-service (%s): all %d partitions after %.1f s%n",
                    Topics.TREASURY_PAYMENTS, payments.partitions(), payments.assignedSeconds(),
                    payments.progressSeconds(), Topics.PROJECT_TOTALS, totals.partitions(),
                    totals.assignedSeconds());
        }
        producing.get(120, TimeUnit.SECONDS);

        // the survivors finish the stream alone
        try (Connection c = connect(EXECUTION_DB)) {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                    .until(() -> SqlQueries.count(c, "SELECT count(*) FROM ledger_entry") >= expected.entries);
            System.out.printf("ReplicasIT: %d records (%d payments, %d re-sent) in the ledger %.1f s after the first "
                    + "was sent%n", stream.size(), PAYMENTS, DUPLICATES, (System.nanoTime() - started) / 1e9);
            assertLedgerExact(c);
        }
        assertTotalsExactOn(List.of(execution[1]), List.of(reporting[1]));

        // the killed replicas come back and agree
        execution[0].start();
        goals[0].start();
        reporting[0] = reportingReplica(0, false).start();
        execution[0].awaitReady(Duration.ofSeconds(180));
        goals[0].awaitReady(Duration.ofSeconds(180));
        reporting[0].awaitReady(Duration.ofSeconds(180));
        assertTotalsExactOn(List.of(execution), List.of(reporting));
        for (ServiceProcess replica : goals) {
            as(MANAGER).get(replica.url("/api/projects/" + paidProjects.get(0))).then().statusCode(200)
                    .body("version", org.hamcrest.Matchers.equalTo(1));
        }
    }

    @Test
    @Order(3)
    void eachCheckpointAlertIsRaisedOnceAndDeliveredOnceWithTheSchedulerOnBothReplicas() throws Exception {
        // the scheduler switched on in both replicas: both evaluate the same due checkpoints
        for (int i = 0; i < 2; i++) {
            reporting[i].close();
            reporting[i] = reportingReplica(i, true).start();
        }
        for (ServiceProcess replica : reporting) {
            replica.awaitReady(Duration.ofSeconds(180));
        }
        // an idle project is paid nothing: it lags at every checkpoint of its plan up to 30 June
        Set<String> lagging = new TreeSet<>();
        for (String code : idleProjects) {
            JsonPath project = as(MANAGER).get(goals[1].url("/api/projects/" + code)).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> plan = project.getList("plan");
            for (Map<String, Object> point : plan) {
                LocalDate checkpoint = LocalDate.parse((String) point.get("checkpoint"));
                if (!checkpoint.isAfter(LocalDate.of(2021, 6, 30))
                        && new BigDecimal(point.get("cumulativePercent").toString()).signum() > 0) {
                    lagging.add(code + ":EXECUTION_LAG:" + checkpoint);
                }
            }
        }
        assertFalse(lagging.isEmpty(), "the other agency's plan has checkpoints by 30 June");
        try (Connection c = connect(REPORTING_DB)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                    SqlQueries.texts(c, "SELECT id FROM alert").containsAll(lagging));
        }
        Set<String> stored;
        try (Connection c = connect(REPORTING_DB)) {
            // wait until no checkpoint is left to evaluate and every delivery has been made
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                    SqlQueries.count(c, "SELECT count(*) FROM alert_delivery WHERE status <> 'DELIVERED'") == 0
                            && SqlQueries.count(c, "SELECT count(*) FROM alert_delivery") == SqlQueries.count(c, "SELECT count(*) FROM alert"));
            stored = SqlQueries.texts(c, "SELECT id FROM alert");
        }
        assertTrue(stored.containsAll(lagging), "every idle project lags at its checkpoints: " + lagging);
        for (String code : paidProjects) {
            assertTrue(stored.contains(code + ":OVERSPEND:v1"), code + " was paid far beyond its budget");
        }

        // budget.alerts: every stored alert exactly once, nothing else
        Map<String, Integer> onTopic = alertsOnTopic(SuiteInfrastructure.get().kafkaBootstrap(), stored.size());
        assertEquals(stored, onTopic.keySet(), "the alerts on budget.alerts are the stored ones");
        assertEquals(Map.of(), onTopic.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "each alert once on budget.alerts");
        // the webhook receiver: every stored alert exactly once
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.received().keySet().containsAll(stored));
        assertEquals(stored, webhook.received().keySet());
        assertEquals(Map.of(), webhook.received().entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "each alert delivered once");
        // a checkpoint alert's first attempt was refused: it was retried once, by one of the two dispatchers
        Set<String> retried = stored.stream().filter(WebhookReceiver::isCheckpointAlert)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(retried.containsAll(lagging));
        assertEquals(Map.of(), webhook.attempts().entrySet().stream()
                        .filter(e -> e.getValue() != (retried.contains(e.getKey()) ? 2 : 1))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "a refused delivery is attempted again once, others once");
        try (Connection c = connect(REPORTING_DB)) {
            // (a delivery claimed by the killed replica counts a second attempt too: its lease ran out unanswered)
            assertTrue(SqlQueries.texts(c, "SELECT alert_id FROM alert_delivery WHERE attempts = 2").containsAll(retried),
                    "the database counts two attempts of each refused delivery");
        }
        System.out.printf("ReplicasIT: %d alerts (%d checkpoint lags of idle projects), each stored, published and "
                + "delivered once with two schedulers and two webhook dispatchers; %d retried once after a 503%n",
                stored.size(), lagging.size(), retried.size());

        // the live stream of every replica shows a payment applied by whichever replica holds its partition
        List<LiveListener> listeners = new ArrayList<>();
        for (ServiceProcess replica : reporting) {
            listeners.add(LiveListener.open(replica.url("/api/live"), MANAGER));
        }
        try {
            for (LiveListener listener : listeners) {
                listener.awaitOpen();
            }
            String code = idleProjects.get(0);
            Map<String, Object> payment = record("RPL-LIVE-1", OTHER_AGENCY, code, new BigDecimal("1234.56"),
                    "2021-06-15");
            as(TREASURY).contentType("application/json; charset=utf-8").body(List.of(payment))
                    .post(execution[1].url("/api/payments")).then().statusCode(202);
            expected.add(code, new BigDecimal("1234.56"));
            for (LiveListener listener : listeners) {
                await().atMost(Duration.ofSeconds(30)).until(() -> listener.saw("\"projectCode\":\"" + code + "\""));
            }
        } finally {
            listeners.forEach(LiveListener::close);
        }
    }

    @Test
    @Order(4)
    void aRebuildOnOneReportingReplicaWhileTheOtherConsumesAndServesLeavesTheTotalsExact() throws Exception {
        String bootstrap = SuiteInfrastructure.get().kafkaBootstrap();
        List<ProducerRecord<String, byte[]>> late = stream(paidProjects, LATE_PAYMENTS, 0, "RPL-LATE-", expected);
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> KafkaTestClient.produceAll(bootstrap, late));
        // the other replica answers while the rebuild runs
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> {
            int answered = 0;
            while (!producing.isDone() || answered < 5) {
                as(MANAGER).get(reporting[1].url("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-12-31"))
                        .then().statusCode(200);
                answered++;
            }
            return answered;
        });
        as(ADMIN).post(reporting[0].url("/api/admin/read-model/rebuild")).then().statusCode(200);
        producing.get(120, TimeUnit.SECONDS);
        assertTrue(serving.get(120, TimeUnit.SECONDS) >= 5);
        try (Connection c = connect(EXECUTION_DB)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> SqlQueries.count(c, "SELECT count(*) FROM ledger_entry") >= expected.entries);
            assertLedgerExact(c);
        }
        assertTotalsExactOn(List.of(execution), List.of(reporting));
        try (Connection c = connect(REPORTING_DB)) {
            assertEquals(0, SqlQueries.count(c, "SELECT count(*) FROM event_conflict"), "nothing was taken for a conflict");
        }
    }

    @Test
    @Order(5)
    void heldRefundsWhoseOriginalNeverComesAreRefusedOnceAcrossReplicas() throws Exception {
        int refunds = 200;
        List<ProducerRecord<String, byte[]>> held = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < refunds; i++) {
            String id = String.format("RPL-HELD-%04d", i);
            String project = paidProjects.get(i % paidProjects.size());
            Map<String, Object> refund = record(id, AGENCY, project, new BigDecimal("10.00"), "2021-06-20");
            refund.put("kind", "REFUND");
            refund.put("originalPaymentId", String.format("RPL-NEVER-%04d", i));
            held.add(new ProducerRecord<>(Topics.TREASURY_PAYMENTS, project, JSON.writeValueAsBytes(refund)));
            ids.add(id);
        }
        KafkaTestClient.produceAll(SuiteInfrastructure.get().kafkaBootstrap(), held);
        // both execution replicas look for due holds every second: each record is refused once, and nothing is applied
        try (Connection c = connect(EXECUTION_DB)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                    SqlQueries.count(c, "SELECT count(*) FROM dlq_record WHERE reason = 'original-unknown'") >= refunds
                            && SqlQueries.count(c, "SELECT count(*) FROM held_payment") == 0);
            assertEquals(ids, SqlQueries.texts(c, "SELECT payment_id FROM dlq_record"));
            assertEquals(refunds, SqlQueries.count(c, "SELECT count(*) FROM dlq_record"), "each refused once");
            assertEquals(expected.entries, SqlQueries.count(c, "SELECT count(*) FROM ledger_entry"), "none applied");
        }
        Map<String, Integer> onDlq = new TreeMap<>();
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.readFromStart(Topics.TREASURY_PAYMENTS_DLQ, Duration.ofSeconds(60), read -> {
                onDlq.clear();
                read.forEach(r -> onDlq.merge(new String(r.headers().lastHeader("dlq-payment-id").value(),
                        StandardCharsets.UTF_8), 1, Integer::sum));
                return onDlq.keySet().containsAll(ids);
            });
        }
        assertEquals(ids, onDlq.keySet());
        assertTrue(onDlq.values().stream().allMatch(n -> n == 1), "each on the DLQ once: " + onDlq);
    }

    // --- checks ------------------------------------------------------------------------------------------------

    static void assertLedgerExact(Connection c) throws Exception {
        assertEquals(expected.entries, SqlQueries.count(c, "SELECT count(*) FROM ledger_entry"), "ledger entries");
        assertEquals(0, expected.sum.compareTo(SqlQueries.decimal(c, "SELECT sum(amount) FROM ledger_entry")), "ledger sum");
        assertEquals(0, SqlQueries.count(c, "SELECT count(*) FROM dlq_record"), "nothing refused");
        assertEquals(0, SqlQueries.count(c, "SELECT count(*) FROM payment_conflict"), "no conflicts");
        assertEquals(0, SqlQueries.count(c, "SELECT count(*) FROM project_total t WHERE executed_total <> "
                + "(SELECT sum(amount) FROM ledger_entry e WHERE e.project_code = t.project_code)"), "running totals");
    }

    /** Every project's ledger on the execution replicas and progress on the reporting replicas equal the stream. */
    static void assertTotalsExactOn(List<ServiceProcess> executions, List<ServiceProcess> reportings) {
        for (String code : expected.byProject.keySet()) {
            String total = expected.byProject.get(code).toPlainString();
            for (ServiceProcess replica : executions) {
                as(MANAGER).queryParam("limit", 0).get(replica.url("/api/projects/" + code + "/ledger")).then()
                        .statusCode(200)
                        .body("executed.total", org.hamcrest.Matchers.equalTo(total))
                        .body("entryCount", org.hamcrest.Matchers.equalTo(expected.entriesByProject.get(code).intValue()));
            }
            for (ServiceProcess replica : reportings) {
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                        as(MANAGER).get(replica.url("/api/projects/" + code + "/progress?asOf=2021-12-31")).then()
                                .statusCode(200).body("executed.total", org.hamcrest.Matchers.equalTo(total)));
            }
        }
    }

    // --- the stream ----------------------------------------------------------------------------------------------

    /** {@code payments} payments over the projects, and {@code duplicates} of them sent again (same key, same bytes). */
    static List<ProducerRecord<String, byte[]>> stream(List<String> projects, int payments, int duplicates,
                                                       String prefix, ExpectedLedger expected) throws Exception {
        Random random = new Random(prefix.hashCode());
        List<ProducerRecord<String, byte[]>> stream = new ArrayList<>(payments + duplicates);
        int every = duplicates == 0 ? Integer.MAX_VALUE : payments / duplicates;
        int sent = 0;
        for (int i = 0; i < payments; i++) {
            String project = projects.get(random.nextInt(projects.size()));
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
            String paidOn = LocalDate.of(2021, 1 + random.nextInt(6), 1 + random.nextInt(28)).toString();
            byte[] value = JSON.writeValueAsBytes(record(String.format("%s%07d", prefix, i), AGENCY, project, amount,
                    paidOn));
            stream.add(new ProducerRecord<>(Topics.TREASURY_PAYMENTS, project, value));
            expected.add(project, amount);
            if (i % every == every - 1 && sent < duplicates) {
                stream.add(stream.get(stream.size() - 1 - random.nextInt(Math.min(stream.size(), 5000))));
                sent++;
            }
        }
        return stream;
    }

    static Map<String, Object> record(String id, String agency, String project, BigDecimal amount, String paidOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paymentId", id);
        m.put("kind", "PAYMENT");
        m.put("fiscalYear", 2021);
        m.put("agencyCode", agency);
        m.put("projectCode", project);
        m.put("amount", amount.toPlainString());
        m.put("fundSource", "FISCAL");
        m.put("paidOn", paidOn);
        m.put("economicClass", "30211");
        m.put("functionalClass", "2013601");
        m.put("authorityDocNo", "秦山财预〔2021〕1号");
        m.put("payee", "秦皇岛市某某办公用品有限公司");
        m.put("purpose", "统战工作宣传资料印刷费");
        return m;
    }

    // --- partition takeover --------------------------------------------------------------------------------------

    record Takeover(int partitions, double assignedSeconds, double progressSeconds) {
    }

    /**
     * After the kill: when one member of the group holds every partition of the topic, and (given the committed
     * offsets at the kill) when every partition that was behind its end then has committed further.
     */
    static Takeover takeover(Admin admin, String group, String topic, long killedAt, Map<TopicPartition, Long> atKill)
            throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        long deadline = killedAt + Duration.ofSeconds(90).toNanos();
        double assigned = -1;
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            // the group may have members for other topics too (execution-service's voucher consumer)
            Collection<MemberDescription> members = d.members();
            if (members.stream().anyMatch(m -> m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic)).count() == partitions)) {
                assigned = (System.nanoTime() - killedAt) / 1e9;
                break;
            }
            Thread.sleep(50); // polling the broker's view of the group, not waiting for the system under test
        }
        assertTrue(assigned >= 0, group + ": no single member holds all partitions of " + topic + " within 90 s");
        double progress = -1;
        if (atKill != null) {
            Map<TopicPartition, Long> ends = ends(admin, topic, partitions);
            Set<TopicPartition> behind = new HashSet<>();
            atKill.forEach((tp, offset) -> {
                if (offset < ends.get(tp)) {
                    behind.add(tp);
                }
            });
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> now = committed(admin, group, topic);
                behind.removeIf(tp -> now.getOrDefault(tp, 0L) > atKill.getOrDefault(tp, 0L));
                if (behind.isEmpty()) {
                    progress = (System.nanoTime() - killedAt) / 1e9;
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(progress >= 0, group + ": partitions " + behind + " did not move within 90 s of the kill");
        }
        return new Takeover(partitions, assigned, progress);
    }

    static Map<TopicPartition, Long> committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get().entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                offsets.put(e.getKey(), e.getValue().offset());
            }
        }
        return offsets;
    }

    static Map<TopicPartition, Long> ends(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Records per alert id on budget.alerts, read from the beginning until {@code wanted} ids were seen and the end. */
    static Map<String, Integer> alertsOnTopic(String bootstrap, int wanted) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Integer> seen = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(Topics.ALERTS, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<TopicPartition, Long> end = Map.of();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.merge(JSON.readTree(r.value()).get("alertId").asText(), 1, Integer::sum);
                }
                if (seen.size() >= wanted) {
                    if (end.isEmpty()) {
                        end = consumer.endOffsets(partitions);
                    }
                    Map<TopicPartition, Long> last = end;
                    if (partitions.stream().allMatch(tp -> consumer.position(tp) >= last.get(tp))) {
                        break;
                    }
                }
            }
        }
        return seen;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static Connection connect(String database) throws Exception {
        return SqlQueries.connect(SuiteInfrastructure.get().database(database));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** An HTTP endpoint in this JVM counting the alert deliveries it receives per alert id. */
    static final class WebhookReceiver {
        private final com.sun.net.httpserver.HttpServer server;
        private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        /** Raised by the checkpoint scheduler (after the kills): its first delivery is answered 503. */
        static boolean isCheckpointAlert(String id) {
            return id.contains(":EXECUTION_LAG:") || id.contains(":YEAR_END_FORECAST:");
        }

        private WebhookReceiver(com.sun.net.httpserver.HttpServer server) {
            this.server = server;
        }

        static WebhookReceiver start() throws Exception {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String id = JSON.readTree(body).get("alertId").asText();
                int attempt = receiver.attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (attempt == 1 && isCheckpointAlert(id)) {
                    exchange.sendResponseHeaders(503, -1); // the first attempt fails: a retry is due
                } else {
                    receiver.received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
        }

        /** Deliveries answered 2xx, per alert id. */
        Map<String, Integer> received() {
            return copy(received);
        }

        /** Every request, answered 2xx or not, per alert id. */
        Map<String, Integer> attempts() {
            return copy(attempts);
        }

        private static Map<String, Integer> copy(Map<String, AtomicInteger> counts) {
            Map<String, Integer> copy = new TreeMap<>();
            counts.forEach((id, n) -> copy.put(id, n.get()));
            return copy;
        }

        void stop() {
            server.stop(0);
        }
    }

    /** A reader of a replica's {@code GET /api/live} stream, keeping the lines it received. */
    static final class LiveListener {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch open = new CountDownLatch(1);
        private volatile java.io.InputStream body;

        static LiveListener open(String url, String token) {
            LiveListener listener = new LiveListener();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").build();
            HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .thenAccept(response -> {
                        listener.body = response.body();
                        Thread reader = new Thread(() -> {
                            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    listener.lines.add(line);
                                    if (line.startsWith(": ping") || line.startsWith("retry:")) {
                                        listener.open.countDown();
                                    }
                                }
                            } catch (Exception e) {
                                // closed
                            }
                        }, "live-listener");
                        reader.setDaemon(true);
                        reader.start();
                    });
            return listener;
        }

        void awaitOpen() throws InterruptedException {
            assertTrue(open.await(30, TimeUnit.SECONDS), "the live stream opened");
        }

        boolean saw(String fragment) {
            synchronized (lines) {
                return lines.stream().anyMatch(l -> l.contains(fragment));
            }
        }

        void close() {
            try {
                if (body != null) {
                    body.close();
                }
            } catch (Exception e) {
                // already closed
            }
        }
    }
}
