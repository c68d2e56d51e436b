package io.budgetwatch.execution;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.ServiceProcess;
import io.budgetwatch.testsupport.SuiteInfrastructure;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.budgetwatch.execution.KillAndRestartIT.JSON;
import static io.budgetwatch.execution.KillAndRestartIT.count;
import static io.budgetwatch.execution.KillAndRestartIT.decimal;
import static io.budgetwatch.execution.KillAndRestartIT.reader;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service is killed with SIGKILL while it consumes 100 000 voucher states from treasury.pay-vouchers
 * (20 000 vouchers: pending, paid, the paid state re-sent, a changed amount, then cancelled or a stale re-send of the
 * pending state), then restarted: afterwards every state is stored once, every voucher is in its last state, the
 * ledger holds each movement exactly once and adds up to what the vouchers count, and execution.ledger carries it.
 */
class VoucherKillAndRestartIT {

    static final int PROJECTS = 20;
    static final int VOUCHERS = 20_000;
    static final String DATABASE = "execution_voucher_kill";

    static ServiceProcess service;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static ServiceProcess startService() {
        Path root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        return ServiceProcess.of(root, "execution-service", DATABASE,
                // the ITs of this JVM share the broker: this service takes vouchers only (KillAndRestartIT's payments
                // are on treasury.payments)
                Map.of("budgetwatch.execution.pay-vouchers.group-id", "voucher-kill-test",
                        "budgetwatch.execution.payments.consumer-enabled", "false")).start()
                .awaitReady(Duration.ofSeconds(120));
    }

    @Test
    void everyVoucherEndsInItsLastStateAfterAKillInTheMiddleOfConsuming() throws Exception {
        SuiteInfrastructure infra = SuiteInfrastructure.get();
        SuiteInfrastructure.Database db = infra.database(DATABASE);
        service = startService();
        List<String> projects = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrap())) {
            for (int i = 0; i < PROJECTS; i++) {
                String code = String.format("130303219%012d", 800_000 + i);
                projects.add(code);
                ProjectSnapshot snapshot = new ProjectSnapshot(1, "vkill-" + code, Instant.parse("2021-03-01T00:00:00Z"),
                        code, 1, 2021, "213001", "中共秦皇岛市山海关区委统战部本级", "凭证压力测试项目 " + i,
                        new ProjectSnapshot.Budget(new BigDecimal("100000000.00"), new BigDecimal("60000000.00"),
                                new BigDecimal("40000000.00")), null, List.of(), List.of(), List.of(), List.of(), null);
                kafka.send(Topics.PROJECTS, code, JSON.writeValueAsBytes(snapshot));
            }
        }
        for (String code : projects) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    reader().get(service.url("/api/projects/" + code + "/ledger")).then().statusCode(200));
        }

        Map<String, BigDecimal> byProject = new HashMap<>();
        projects.forEach(p -> byProject.put(p, BigDecimal.ZERO.setScale(2)));
        List<ProducerRecord<String, byte[]>> stream = stream(projects, byProject);
        assertEquals(5 * VOUCHERS, stream.size());
        long states = 4L * VOUCHERS;               // the exact re-send is not stored again
        long entries = 2L * VOUCHERS + VOUCHERS / 4; // paid, changed amount, and the reversal of the cancelled
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() ->
                KillAndRestartIT.produce(infra.kafkaBootstrap(), stream));

        long atKill;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long stored = 0;
            while (stored < states / 5 && System.nanoTime() < deadline) {
                stored = count(c, "SELECT count(*) FROM voucher_state");
                Thread.sleep(10);
            }
            service.kill();
            atKill = count(c, "SELECT count(*) FROM voucher_state");
        }
        assertTrue(atKill >= states / 5 && atKill < states, "killed in the middle: " + atKill + " of " + states
                + " states were in");
        producing.get();
        System.out.printf("VoucherKillAndRestartIT: %d voucher records sent, SIGKILL with %d of %d states in%n",
                stream.size(), atKill, states);

        service = startService();
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(c, "SELECT count(*) FROM voucher_state") >= states);
            System.out.printf("VoucherKillAndRestartIT: the rest in %d ms after the restart was ready%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertEquals(states, count(c, "SELECT count(*) FROM voucher_state"));
            assertEquals(VOUCHERS, count(c, "SELECT count(*) FROM voucher"));
            assertEquals(VOUCHERS / 4 * 3, count(c, "SELECT count(*) FROM voucher_state WHERE status = 'STALE'"));
            assertEquals(0, count(c, "SELECT count(*) FROM voucher_state WHERE status = 'CONFLICT'"));
            assertEquals(entries, count(c, "SELECT count(*) FROM ledger_entry"));
            assertEquals(entries, count(c, "SELECT count(*) FROM ledger_entry WHERE voucher_state_id IS NOT NULL"));
            assertEquals(0, count(c, "SELECT count(*) FROM dlq_record"), "nothing refused");
            // every voucher is in its last state (the latest UPDATE_TIME received)
            assertEquals(0, count(c, """
                    SELECT count(*) FROM voucher v JOIN voucher_state s ON s.id = v.current_state_id
                    WHERE s.update_time <> (SELECT max(update_time) FROM voucher_state x WHERE x.pay_cert_id = v.pay_cert_id)"""));
            BigDecimal expected = byProject.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, expected.compareTo(decimal(c, "SELECT sum(amount) FROM ledger_entry")), "ledger sum");
            assertEquals(0, count(c, "SELECT count(*) FROM project_total t WHERE executed_total <> "
                    + "(SELECT sum(amount) FROM ledger_entry e WHERE e.project_code = t.project_code)"));
        }
        for (String code : projects) {
            JsonPath ledger = reader().queryParam("limit", 0).get(service.url("/api/projects/" + code + "/ledger"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(byProject.get(code).toPlainString(), ledger.getString("executed.total"), code);
        }
        Map<String, BigDecimal> published = KillAndRestartIT.readLedgerTopic(infra.kafkaBootstrap(), entries,
                Set.copyOf(projects));
        assertEquals(entries, published.size(), "distinct entries on execution.ledger");
        assertEquals(0, byProject.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .compareTo(published.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
    }

    /** Five records per voucher, in the order the integrated system would send them; the expected sums per project. */
    static List<ProducerRecord<String, byte[]>> stream(List<String> projects, Map<String, BigDecimal> byProject)
            throws Exception {
        Random random = new Random(20210801);
        List<ProducerRecord<String, byte[]>> stream = new ArrayList<>(5 * VOUCHERS);
        List<ProducerRecord<String, byte[]>> late = new ArrayList<>();
        for (int i = 0; i < VOUCHERS; i++) {
            String project = projects.get(random.nextInt(projects.size()));
            String id = String.format("VKILL%08d", i);
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
            BigDecimal changed = amount.add(BigDecimal.valueOf(1 + random.nextInt(500), 2));
            String day = String.format("2021-%02d-%02d", 1 + i % 6, 1 + i % 28);
            Map<String, Object> pending = voucher(id, project, amount, null, day + " 08:00:00");
            byte[] pendingBytes = JSON.writeValueAsBytes(pending);
            byte[] paid = JSON.writeValueAsBytes(voucher(id, project, amount, day, day + " 15:00:00"));
            Map<String, Object> changedState = voucher(id, project, changed, day, day + " 18:00:00");
            stream.add(new ProducerRecord<>(Topics.TREASURY_PAY_VOUCHERS, project, pendingBytes));
            stream.add(new ProducerRecord<>(Topics.TREASURY_PAY_VOUCHERS, project, paid));
            stream.add(new ProducerRecord<>(Topics.TREASURY_PAY_VOUCHERS, project, paid));
            stream.add(new ProducerRecord<>(Topics.TREASURY_PAY_VOUCHERS, project, JSON.writeValueAsBytes(changedState)));
            if (i % 4 == 0) {
                Map<String, Object> cancelled = new LinkedHashMap<>(changedState);
                cancelled.put("IS_DELETED", 1);
                cancelled.put("UPDATE_TIME", day + " 20:00:00");
                stream.add(new ProducerRecord<>(Topics.TREASURY_PAY_VOUCHERS, project,
                        JSON.writeValueAsBytes(cancelled)));
            } else {
                byProject.merge(project, changed, BigDecimal::add);
                // the pending state re-sent much later with another content: stale, never applied
                Map<String, Object> stale = new LinkedHashMap<>(pending);
                stale.put("UPDATE_TIME", day + " 09:00:00");
                late.add(new ProducerRecord<>(Topics.TREASURY_PAY_VOUCHERS, project, JSON.writeValueAsBytes(stale)));
            }
        }
        stream.addAll(late);
        return stream;
    }

    static Map<String, Object> voucher(String id, String project, BigDecimal amount, String paidOn, String updateTime) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PAY_CERT_ID", id);
        m.put("PAY_CERT_NO", "NO" + id);
        m.put("FISCAL_YEAR", "2021");
        m.put("MOF_DIV_CODE", "130303");
        m.put("AGENCY_CODE", "213001");
        m.put("PRO_CODE", project);
        m.put("PAY_AMT", amount.toPlainString());
        m.put("XPAY_AMT", paidOn == null ? "0.00" : amount.toPlainString());
        if (paidOn != null) {
            m.put("XPAY_DATE", paidOn + " 14:30:00");
        }
        m.put("FUND_TYPE_CODE", (id.hashCode() & 1) == 0 ? "1" : "6");
        m.put("PAYEE_ACCT_NAME", "秦皇岛市某某办公用品有限公司");
        m.put("USE_DES", "统战工作宣传资料印刷费");
        m.put("IS_DELETED", 0);
        m.put("UPDATE_TIME", updateTime);
        return m;
    }
}
