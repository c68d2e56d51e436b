package io.budgetwatch.benchmarks.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.events.ProjectTotalsSlicer;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.ServiceProcess;
import io.budgetwatch.testsupport.SuiteInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Performance proof of reporting-service (issue 5), run by hand, not a test: with 10 000 projects and 5 000 000
 * ledger entries loaded, {@code GET /api/progress} for one agency of 500 projects (target p95 &lt; 100 ms) and a
 * full checkpoint evaluation of every project (target &lt; 5 s). Issue 14: {@code GET /api/bureau} over every agency
 * (target p95 &lt; 150 ms at 2 000 agencies, 50 000 projects, 10 000 000 entries: {@code --agencies 2000 --projects
 * 50000 --entries 10000000}), {@code GET /api/overview} (target p95 &lt; 50 ms) and {@code GET
 * /api/exports/monitoring.xlsx} for the agency of 500 projects, the workbook with the service's heap around it.
 *
 * <ol>
 *   <li>Infrastructure: the test suite's embedded PostgreSQL and Kafka broker (default), or the local stack's
 *   servers ({@code --local}: a scratch database and scratch topics there, removed at the end).</li>
 *   <li>The packaged reporting-service runs as a child process (Flyway creates its schema), scheduler off.</li>
 *   <li>A slice goes through the real path: project snapshots and ledger entries published on Kafka and stored
 *   by the service's consumers; the rows they wrote are compared with the rows the bulk load writes for the same
 *   data.</li>
 *   <li>The rest is bulk-loaded with SQL into the service's tables, daily totals with the consumer's own upsert;
 *   then daily totals are checked against the ledger.</li>
 *   <li>Measures progress latency (sequential, then concurrent clients) and the evaluation endpoint (first
 *   checkpoint; full-year back-fill; the back-fill again, when everything is already raised).</li>
 * </ol>
 */
public final class ReportingBenchmark {

    private static final List<LocalDate> AS_OF_DATES = List.of(LocalDate.of(2021, 3, 31), LocalDate.of(2021, 6, 30),
            LocalDate.of(2021, 8, 15), LocalDate.of(2021, 10, 31), LocalDate.of(2021, 12, 31));
    private static final LocalDate PRIMARY_AS_OF = LocalDate.of(2021, 6, 30);

    private final Map<String, String> args;
    private final boolean local;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toLowerCase(Locale.ROOT);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, String> report = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Dataset data;
    private SuiteInfrastructure.Database db;
    private String bootstrap;
    private String projectsTopic = Topics.PROJECTS;
    private String ledgerTopic = Topics.PROJECT_TOTALS;
    private String indicatorTopic = Topics.INDICATOR_REPORTS;
    private ServiceProcess service;
    private final Map<String, String> serviceProps = new LinkedHashMap<>();
    private Path root;
    private boolean outboxPublishes = true;
    private final java.util.concurrent.atomic.AtomicBoolean tornDown = new java.util.concurrent.atomic.AtomicBoolean();

    private ReportingBenchmark(Map<String, String> args) {
        this.args = args;
        this.local = args.containsKey("local");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + a + " (see --help)");
            }
            String name = a.substring(2);
            if (Set.of("local", "help", "skip-full-year", "hold", "skip-views", "skip-progress",
                    "skip-evaluation", "xlsx-jfr").contains(name)) {
                args.put(name, "true");
            } else if (i + 1 < argv.length) {
                args.put(name, argv[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        if (args.containsKey("help")) {
            System.out.println("""
                    benchmarks/run-reporting [options]
                      --projects N          projects (default 10000)
                      --entries N           ledger entries (default 5000000)
                      --agencies N          agencies (default 20, so 500 projects each)
                      --big-agency N        projects of the first agency (default 500); the other agencies share
                                            the rest (issue 14's size: --agencies 2000 --projects 50000
                                            --entries 10000000)
                      --view-requests N     measured requests of GET /api/bureau and /api/overview (default 200)
                      --cold-requests N     of them with nothing kept / agencies changed before each (default 40)
                      --xlsx-requests N     measured monitoring.xlsx downloads (default 20)
                      --xlsx-warmup N       monitoring.xlsx downloads before measuring (default 3, after a first)
                      --skip-views          no bureau, overview and xlsx measurements
                      --skip-progress       no GET /api/progress measurement
                      --slice-projects N    projects published through Kafka (default 2000, at most projects/5)
                      --slice-entries N     ledger entries published through Kafka (default 20000, at most entries/10)
                      --warmup N            progress requests before measuring (default 50)
                      --requests N          measured progress requests (default 500)
                      --clients N           concurrent clients for the second progress run (default 4; 0 skips it)
                      --service-xmx SIZE    heap of reporting-service (default 512m)
                      --xlsx-jfr            a JFR recording (settings=profile) of the service around the measured
                                            monitoring.xlsx downloads: its allocation per download and top
                                            allocation sites (benchmarks/target/xlsx-allocation.txt)
                      --evaluation-runs N   runs of the first-checkpoint evaluation (default 3; the median is shown)
                      --skip-full-year      only the first-checkpoint evaluation
                      --hold                after loading, wait until benchmarks/target/reporting-bench.hold is
                                            deleted (to look at the loaded database and service by hand)
                      --local               the local stack's PostgreSQL (localhost:15432, superuser postgres,
                                            a scratch database) and broker (localhost:9092, scratch topics)
                      --pg-url URL          with --local (default postgresql://postgres@localhost:15432)
                      --bootstrap HOST:PORT with --local (default localhost:9092)""");
            return;
        }
        int code = 0;
        try {
            new ReportingBenchmark(args).run();
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private void run() throws Exception {
        int projects = intArg("projects", 10_000);
        int slice = Math.min(intArg("slice-projects", 2_000), projects / 5);
        long entries = Long.parseLong(args.getOrDefault("entries", "5000000"));
        int sliceEntries = intArg("slice-entries", (int) Math.min(20_000, entries / 10));
        int agencies = intArg("agencies", 20);
        data = new Dataset(projects, entries, agencies,
                intArg("big-agency", Math.min(500, Math.max(1, projects - (agencies - 1)))), slice,
                Math.max(1, sliceEntries / Math.max(1, slice)));
        report.put("machine load at start (1-min average, 2 shared cores)", loadAverage());
        System.out.printf("reporting benchmark %s: %,d projects (%,d agencies: %s has %d, the others share the rest), "
                        + "%,d ledger entries; through Kafka: %,d projects, %,d entries%n", runId, data.projectCount,
                data.agencyCount, data.agencies.get(0), data.bigAgency, data.entryCount, data.sliceProjects,
                data.sliceEntries());
        long started = System.nanoTime();
        // Ctrl-C: the service process, and in local mode the scratch database and topics, go too.
        Runtime.getRuntime().addShutdownHook(new Thread(this::tearDown, "reporting-benchmark-stop"));
        try {
            setUp();
            try (Connection c = connect()) {
                load(c);
                if (args.containsKey("hold")) {
                    hold();
                }
                if (!args.containsKey("skip-progress")) {
                    measureProgress(c);
                }
                if (!args.containsKey("skip-views")) {
                    measureViews(c);
                }
                if (!args.containsKey("skip-evaluation")) {
                    measureEvaluation(c);
                }
                report.put("service peak RSS (VmHWM)", vmHwm(service.pid()));
                if (!args.containsKey("skip-evaluation")) {
                    measureScheduler(c);
                }
                data.dropScratch(c);
            }
        } finally {
            tearDown();
        }
        System.out.println();
        System.out.println("=== reporting-service benchmark " + runId + " (" + (local ? "local stack" : "embedded")
                + " PostgreSQL + Kafka; " + Runtime.getRuntime().availableProcessors() + " cores) ===");
        int width = report.keySet().stream().mapToInt(String::length).max().orElse(20);
        report.forEach((k, v) -> System.out.printf("%-" + width + "s : %s%n", k, v));
        System.out.printf("%-" + width + "s : %.0f s%n", "benchmark wall time", (System.nanoTime() - started) / 1e9);
    }

    // ------------------------------------------------------------------------------------------ setup

    private void setUp() throws Exception {
        long t = System.nanoTime();
        Map<String, String> props = serviceProps;
        // Only the measured runs evaluate.
        props.put("budgetwatch.alerts.scheduler-enabled", "false");
        if (local) {
            System.setProperty("budgetwatch.test.pg.url",
                    args.getOrDefault("pg-url", "postgresql://postgres@localhost:15432"));
            System.setProperty("budgetwatch.test.kafka.bootstrap", args.getOrDefault("bootstrap", "localhost:9092"));
            // Scratch topics and groups: the local stack's services never see the benchmark's data.
            String prefix = "bench-" + runId + ".";
            projectsTopic = prefix + Topics.PROJECTS;
            ledgerTopic = prefix + Topics.PROJECT_TOTALS;
            indicatorTopic = prefix + Topics.INDICATOR_REPORTS;
            props.put("budgetwatch.project-totals-consumer.topic", ledgerTopic);
            props.put("budgetwatch.project-totals-consumer.group-id", prefix + "project-totals");
            for (String[] channel : new String[][] {{"projects", projectsTopic}, {"indicator-reports", indicatorTopic}}) {
                props.put("mp.messaging.incoming." + channel[0] + ".topic", channel[1]);
                props.put("mp.messaging.incoming." + channel[0] + ".group.id", prefix + channel[0]);
            }
            // Alerts would go to the stack's budget.alerts: the outbox rows are written, not published.
            props.put("budgetwatch.outbox.enabled", "false");
            outboxPublishes = false;
        }
        SuiteInfrastructure infra = SuiteInfrastructure.get();
        bootstrap = infra.kafkaBootstrap();
        db = infra.database("reporting_bench");
        if (local) {
            createTopics();
        }
        report.put("infrastructure up", seconds(t));
        t = System.nanoTime();
        root = Path.of(args.getOrDefault("repo-root", ".")).toAbsolutePath().normalize();
        // ServiceProcess appends to this log; the evaluations log every alert id, so start it afresh.
        Files.deleteIfExists(root.resolve("reporting-service/target/reporting-service-process.log"));
        service = startService(props);
        report.put("reporting-service ready (Flyway schema)", seconds(t) + ", heap -Xmx"
                + args.getOrDefault("service-xmx", "512m") + ", pid " + service.pid());
        System.out.printf("broker %s, database %s, reporting-service %s (log: %s)%n", bootstrap, db.jdbcUrl(),
                service.url(""), root.resolve("reporting-service/target/reporting-service-process.log"));
    }

    private ServiceProcess startService(Map<String, String> props) {
        return ServiceProcess.of(root, "reporting-service", "reporting_bench", props)
                .jvmOptions("-Xmx" + args.getOrDefault("service-xmx", "512m"), "-Xlog:gc:file=" + gcLog())
                .start()
                .awaitReady(Duration.ofMinutes(3));
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(projectsTopic, 6, (short) 1), new NewTopic(ledgerTopic, 6, (short) 1),
                    new NewTopic(indicatorTopic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void tearDown() {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        if (service != null) {
            service.close();
        }
        if (local) {
            if (db != null) {
                try (Connection c = DriverManager.getConnection(db.jdbcUrl().replace("/" + db.name(), "/postgres"),
                        db.user(), db.password()); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS \"" + db.name() + "\" WITH (FORCE)");
                    System.out.println("dropped scratch database " + db.name());
                } catch (SQLException e) {
                    System.out.println("could not drop scratch database " + db.name() + ": " + e.getMessage());
                }
            }
            if (bootstrap != null) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                    admin.deleteTopics(List.of(projectsTopic, ledgerTopic, indicatorTopic)).all()
                            .get(30, TimeUnit.SECONDS);
                    System.out.println("deleted scratch topics " + projectsTopic + ", " + ledgerTopic + ", "
                            + indicatorTopic);
                } catch (Exception e) {
                    System.out.println("could not delete scratch topics: " + e.getMessage());
                }
            }
        }
        // Embedded: stops the broker and PostgreSQL; their temporary directories go with them.
        SuiteInfrastructure.stopAll();
    }

    /** A development aid: the loaded database and the running service stay available until the file goes. */
    private void hold() throws Exception {
        Path file = Path.of(args.getOrDefault("repo-root", ".")).resolve("benchmarks/target/reporting-bench.hold");
        Files.writeString(file, String.format("jdbc=%s user=%s password=%s%nbootstrap=%s%nservice=%s pid=%d%n",
                db.jdbcUrl(), db.user(), db.password(), bootstrap, service.url(""), service.pid()));
        System.out.println("holding: " + Files.readString(file).replace('\n', ' ') + "; delete " + file
                + " to go on");
        while (Files.exists(file)) {
            Thread.sleep(1000);
        }
    }

    /** Every request carries a token of every role and no agency claim (all agencies), as the service trusts it. */
    private final String token = io.budgetwatch.testsupport.TestTokens.user("bench-reporting")
            .roles(io.budgetwatch.testsupport.TestTokens.ALL_ROLES).expiresIn(86_400).sign();

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        c.setAutoCommit(true);
        return c;
    }

    // ------------------------------------------------------------------------------------------ load

    /**
     * The bulk load's own statement tail, after its CTEs {@code applied_slices (project_code, to_seq)} and {@code
     * applied (project_code, paid_on, fund_source, agency_code, fiscal_year, amount, entries)}: raises the ledger
     * positions and adds the amounts to the daily and monthly totals, as reporting-service's ProjectTotalsStore
     * does for a batch of execution.project-totals slices. A copy, not an import: the benchmark depends only on
     * what reporting-service publishes (its topics, its HTTP API and its tables' schema, db/migration), so this
     * text follows that schema and has to be changed with it. The Kafka slice goes through the service's own
     * statement, and verifySlice and verifyLoad compare both with the ledger.
     */
    private static final String POSITIONS_AND_TOTALS = """
            positions AS (
                INSERT INTO ledger_position (project_code, last_seq)
                SELECT project_code, max(to_seq) FROM applied_slices GROUP BY project_code
                ON CONFLICT (project_code) DO UPDATE SET last_seq = greatest(ledger_position.last_seq, excluded.last_seq)
            ), daily AS (
                INSERT INTO daily_execution (project_code, paid_on, fund_source, agency_code, fiscal_year,
                    amount, entries)
                SELECT project_code, paid_on, fund_source, agency_code, fiscal_year, sum(amount), sum(entries)
                FROM applied GROUP BY project_code, paid_on, fund_source, agency_code, fiscal_year
                ON CONFLICT (project_code, paid_on, fund_source) DO UPDATE
                    SET amount = daily_execution.amount + excluded.amount,
                        entries = daily_execution.entries + excluded.entries
            ), monthly AS (
                INSERT INTO monthly_execution (project_code, month, fund_source, agency_code, fiscal_year,
                    amount, entries)
                SELECT project_code, date_trunc('month', paid_on)::date, fund_source, agency_code, fiscal_year,
                    sum(amount), sum(entries)
                FROM applied GROUP BY 1, 2, 3, 4, 5
                ON CONFLICT (project_code, month, fund_source) DO UPDATE
                    SET amount = monthly_execution.amount + excluded.amount,
                        entries = monthly_execution.entries + excluded.entries
            )
            """;

    private void load(Connection c) throws Exception {
        data.createScratch(c);
        long loadStart = System.nanoTime();
        long t = System.nanoTime();
        throughKafka(c);
        report.put("Kafka slice (publish + consumed)", seconds(t) + " for " + data.sliceProjects + " snapshots and "
                + String.format("%,d", data.sliceEntries()) + " ledger entries");
        verifySlice(c);

        t = System.nanoTime();
        data.insertProjects(c, "project", data.projects.subList(data.sliceProjects, data.projectCount));
        String projectsTime = seconds(t);

        t = System.nanoTime();
        int chunk = 500;
        long inserted = 0;
        for (int from = 0; from < data.projectCount; from += chunk) {
            int to = Math.min(data.projectCount, from + chunk) - 1;
            // POSITIONS_AND_TOTALS fed by the generator instead of Kafka batches (one slice per project and chunk);
            // the checks after the load compare the totals with the ledger.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(("""
                        WITH incoming AS (SELECT * FROM (%s) g WHERE NOT %s),
                        ledger AS (INSERT INTO bench_ledger (%s) SELECT %s FROM incoming RETURNING seq),
                        applied_slices AS (SELECT project_code, max(seq) AS to_seq FROM incoming GROUP BY project_code),
                        applied AS (SELECT project_code, paid_on, fund_source, agency_code, fiscal_year, amount,
                            1 AS entries FROM incoming),
                        """ + POSITIONS_AND_TOTALS + "SELECT count(*) FROM ledger").formatted(
                        data.generator(from, to), data.inSlice(), Dataset.LEDGER_COLUMNS, Dataset.LEDGER_COLUMNS))) {
                rs.next();
                inserted += rs.getLong(1);
            }
            long done = count(c, "SELECT count(*) FROM bench_ledger");
            System.out.printf("  bulk load: projects %d-%d, %,d ledger entries so far (%s)%n", from, to, done,
                    seconds(t));
        }
        String ledgerTime = seconds(t);

        t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (String table : List.of("project", "bench_ledger", "daily_execution", "monthly_execution",
                    "cumulative_execution")) {
                s.execute("VACUUM ANALYZE " + table);
            }
        }
        String vacuumTime = seconds(t);
        report.put("bulk load", projectsTime + " projects, " + ledgerTime + " ledger + daily totals, "
                + vacuumTime + " VACUUM ANALYZE");
        report.put("load total (slice + bulk)", seconds(loadStart));

        t = System.nanoTime();
        verifyLoad(c);
        report.put("verification of the load", seconds(t));
    }

    /** The slice through the real path: snapshots on goals.projects, entries on execution.ledger. */
    private void throughKafka(Connection c) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (Dataset.Project pr : data.projects.subList(0, data.sliceProjects)) {
                ProjectSnapshot s = data.snapshot(pr);
                send(producer, projectsTopic, s.projectCode(), s.eventId(), "ProjectSnapshot", data.toJson(s));
            }
            String sliceRows = "SELECT " + Dataset.LEDGER_COLUMNS + " FROM (" + data.generator(0, data.sliceProjects - 1)
                    + ") g WHERE " + data.inSlice();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO bench_ledger (" + Dataset.LEDGER_COLUMNS + ") " + sliceRows);
            }
            // As execution-service's relay cuts them (the same slicer): one event per ledger write and project,
            // here a write of up to WRITE_ENTRIES consecutive entries of one project, summed per day and fund.
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT *, (amount * 100)::bigint AS fen FROM bench_ledger "
                         + "ORDER BY project_code, seq")) {
                ProjectTotalsSlicer slicer = new ProjectTotalsSlicer();
                String project = null;
                int inWrite = 0;
                long total = 0;
                long fiscal = 0;
                while (rs.next()) {
                    String code = rs.getString("project_code");
                    if (inWrite == WRITE_ENTRIES || (project != null && !project.equals(code))) {
                        sendSlices(producer, slicer.endWrite());
                        inWrite = 0;
                    }
                    if (!code.equals(project)) {
                        project = code;
                        total = 0;
                        fiscal = 0;
                    }
                    long fen = rs.getLong("fen");
                    String fund = rs.getString("fund_source");
                    total += fen;
                    fiscal += "FISCAL".equals(fund) ? fen : 0;
                    slicer.add(rs.getLong("seq"), code, rs.getInt("fiscal_year"), rs.getString("agency_code"),
                            rs.getObject("paid_on", LocalDate.class), fund, fen, rs.getBoolean("overspend"), total,
                            fiscal, total - fiscal, rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
                    inWrite++;
                }
                sendSlices(producer, slicer.endWrite());
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long projects = 0;
        long entries = 0;
        while (System.nanoTime() < deadline) {
            projects = count(c, "SELECT count(*) FROM project");
            entries = count(c, "SELECT coalesce(sum(entries), 0) FROM daily_execution");
            if (projects == data.sliceProjects && entries == data.sliceEntries()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service stored " + projects + " projects and " + entries
                + " entries of the Kafka slice within 5 minutes; see its log:\n" + service.logTail());
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, String key, String eventId, String type,
                      String value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    private static final int WRITE_ENTRIES = 25;

    private void sendSlices(KafkaProducer<String, byte[]> producer, List<ProjectTotalsEvent> events) {
        for (ProjectTotalsEvent e : events) {
            send(producer, ledgerTopic, e.projectCode(), e.eventId(), "ProjectTotalsEvent", data.toJson(e));
        }
    }

    /** What the consumers stored for the slice equals what the bulk load writes for the same data. */
    private void verifySlice(Connection c) throws SQLException {
        String projectColumns = "code, version, fiscal_year, agency_code, agency_name, name, budget_total, "
                + "budget_fiscal, budget_other, plan, snapshot";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE bench_expected_project (LIKE project INCLUDING DEFAULTS)");
        }
        data.insertProjects(c, "bench_expected_project", data.projects.subList(0, data.sliceProjects));
        long projectDiff = count(c, String.format("SELECT (SELECT count(*) FROM (SELECT %1$s FROM "
                + "bench_expected_project EXCEPT SELECT %1$s FROM project) a) + (SELECT count(*) FROM (SELECT %1$s "
                + "FROM project EXCEPT SELECT %1$s FROM bench_expected_project) b)", projectColumns));
        long dailyDiff = count(c, DAILY_MISMATCHES) + count(c, MONTHLY_MISMATCHES);
        long refunds = count(c, "SELECT count(*) FROM bench_ledger WHERE kind = 'REFUND'");
        long alerts = count(c, "SELECT count(*) FROM alert");
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_expected_project");
        }
        String verdict = projectDiff == 0 && dailyDiff == 0 ? "identical" : "DIFFERENT";
        report.put("Kafka slice vs bulk rows", String.format("%s (project rows differing: %d, daily/monthly totals "
                        + "not matching the ledger: %d; %d refunds; %d immediate alerts raised by the consumers)",
                verdict, projectDiff, dailyDiff, refunds, alerts));
        if (!"identical".equals(verdict)) {
            throw new IllegalStateException("The consumers stored the slice differently from the bulk load: "
                    + report.get("Kafka slice vs bulk rows"));
        }
    }

    /** (project, day, fund) keys whose daily total differs from the ledger's, and the same by month. */
    private static final String DAILY_MISMATCHES = """
            SELECT count(*) FROM (
                SELECT project_code, paid_on, fund_source, agency_code, fiscal_year, sum(amount) AS amount,
                    count(*) AS entries
                FROM bench_ledger GROUP BY project_code, paid_on, fund_source, agency_code, fiscal_year) l
            FULL JOIN daily_execution d USING (project_code, paid_on, fund_source)
            WHERE l.amount IS DISTINCT FROM d.amount OR l.entries IS DISTINCT FROM d.entries
               OR l.agency_code IS DISTINCT FROM d.agency_code OR l.fiscal_year IS DISTINCT FROM d.fiscal_year""";
    private static final String MONTHLY_MISMATCHES = """
            SELECT count(*) FROM (
                SELECT project_code, date_trunc('month', paid_on)::date AS month, fund_source, agency_code,
                    fiscal_year, sum(amount) AS amount, count(*) AS entries
                FROM bench_ledger GROUP BY 1, 2, 3, 4, 5) l
            FULL JOIN monthly_execution m USING (project_code, month, fund_source)
            WHERE l.amount IS DISTINCT FROM m.amount OR l.entries IS DISTINCT FROM m.entries
               OR l.agency_code IS DISTINCT FROM m.agency_code OR l.fiscal_year IS DISTINCT FROM m.fiscal_year""";

    /** (project, month) running totals of cumulative_execution (V9, kept by triggers) not matching the monthly rows. */
    private static final String CUMULATIVE_MISMATCHES = """
            SELECT count(*) FROM (
                SELECT project_code, fiscal_year, month,
                    sum(sum(amount)) OVER (PARTITION BY project_code ORDER BY month) AS running
                FROM monthly_execution GROUP BY 1, 2, 3) m
            FULL JOIN cumulative_execution c USING (project_code, fiscal_year, month)
            WHERE m.running IS NOT NULL AND c.amount IS DISTINCT FROM m.running""";

    private void verifyLoad(Connection c) throws SQLException {
        long projects = count(c, "SELECT count(*) FROM project");
        long entries;
        BigDecimal ledgerSum;
        long dailyEntries;
        BigDecimal dailySum;
        long dailyRows;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(amount) FROM bench_ledger")) {
                rs.next();
                entries = rs.getLong(1);
                ledgerSum = rs.getBigDecimal(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(entries), sum(amount) FROM daily_execution")) {
                rs.next();
                dailyRows = rs.getLong(1);
                dailyEntries = rs.getLong(2);
                dailySum = rs.getBigDecimal(3);
            }
        }
        long mismatches = count(c, DAILY_MISMATCHES);
        long monthlyMismatches = count(c, MONTHLY_MISMATCHES);
        long monthlyRows = count(c, "SELECT count(*) FROM monthly_execution");
        long cumulativeMismatches = count(c, CUMULATIVE_MISMATCHES);
        report.put("cumulative_execution = monthly running totals", String.format("%s: %,d rows, %d (project, month) "
                        + "differing", cumulativeMismatches == 0 ? "yes" : "NO",
                count(c, "SELECT count(*) FROM cumulative_execution"), cumulativeMismatches));
        long refunds = count(c, "SELECT count(*) FROM bench_ledger WHERE kind = 'REFUND'");
        long other = count(c, "SELECT count(*) FROM bench_ledger WHERE fund_source = 'OTHER'");
        long overspent = count(c, "SELECT count(*) FROM (SELECT project_code FROM bench_ledger GROUP BY project_code "
                + "HAVING bool_or(overspend)) x");
        boolean ok = projects == data.projectCount && entries == data.entryCount && dailyEntries == entries
                && ledgerSum.compareTo(dailySum) == 0 && mismatches == 0 && monthlyMismatches == 0
                && cumulativeMismatches == 0;
        report.put("read model", String.format("%,d projects, %,d ledger entries (%,d refunds = %.1f %%, %,d OTHER "
                        + "funds), %,d daily_execution rows; %,d projects overspent by the year end", projects, entries,
                refunds, 100.0 * refunds / entries, other, dailyRows, overspent));
        report.put("daily_execution = ledger", String.format("%s: ledger %,d entries %s yuan, daily totals "
                        + "%,d entries %s yuan, %d (project, day, fund) keys differing", ok ? "yes" : "NO", entries,
                ledgerSum.toPlainString(), dailyEntries, dailySum.toPlainString(), mismatches));
        report.put("monthly_execution = ledger", String.format("%s: %,d rows, %d (project, month, fund) keys "
                + "differing", monthlyMismatches == 0 ? "yes" : "NO", monthlyRows, monthlyMismatches));
        report.put("database size", String.format("%,d MB (scratch ledger %,d MB, daily_execution %,d MB, "
                        + "monthly_execution %,d MB)", count(c, "SELECT pg_database_size(current_database()) / 1048576"),
                count(c, "SELECT pg_total_relation_size('bench_ledger') / 1048576"),
                count(c, "SELECT pg_total_relation_size('daily_execution') / 1048576"),
                count(c, "SELECT pg_total_relation_size('monthly_execution') / 1048576")));
        if (!ok) {
            throw new IllegalStateException("The loaded read model is inconsistent: " + report);
        }
    }

    // ------------------------------------------------------------------------------------------ progress

    private record Request(String agency, LocalDate asOf) {
        String path() {
            return "/api/progress?agency=" + agency + "&year=2021&asOf=" + asOf;
        }
    }

    /** Requests over the agencies of the largest size (each as large as --big-agency) and the dates in turn. */
    private List<Request> requests(int n, int offset) {
        List<String> agencies = data.largestAgencies();
        List<Request> list = new ArrayList<>(n);
        for (int i = offset; i < offset + n; i++) {
            list.add(new Request(agencies.get(i % agencies.size()),
                    AS_OF_DATES.get((i / agencies.size()) % AS_OF_DATES.size())));
        }
        return list;
    }

    private void measureProgress(Connection c) throws Exception {
        List<String> largest = data.largestAgencies();
        checkProgressAnswer(c, new Request(largest.get(0), PRIMARY_AS_OF));
        checkProgressAnswer(c, new Request(largest.get(largest.size() - 1), LocalDate.of(2021, 12, 31)));
        int warmup = intArg("warmup", 50);
        int n = intArg("requests", 500);
        for (Request r : requests(warmup, 7)) {
            get(r.path());
        }
        List<Long> all = new ArrayList<>(n);
        Map<LocalDate, List<Long>> byDate = new LinkedHashMap<>();
        long t = System.nanoTime();
        for (Request r : requests(n, 0)) {
            long nanos = get(r.path());
            all.add(nanos);
            byDate.computeIfAbsent(r.asOf(), k -> new ArrayList<>()).add(nanos);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        report.put("GET /api/progress, 1 client", Latency.of(all).line() + String.format(" (%.0f req/s; machine load %s)",
                n / seconds, loadAverage()));
        byDate.forEach((date, list) -> report.put("  asOf=" + date, Latency.of(list).line()));

        int clients = intArg("clients", 4);
        if (clients > 0) {
            List<Request> list = requests(n, 3);
            List<Long> concurrent = Collections.synchronizedList(new ArrayList<>(n));
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            t = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int client = k;
                futures.add(pool.submit(() -> {
                    for (int i = client; i < list.size(); i += clients) {
                        concurrent.add(get(list.get(i).path()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            seconds = (System.nanoTime() - t) / 1e9;
            pool.shutdown();
            report.put("GET /api/progress, " + clients + " clients", Latency.of(concurrent).line()
                    + String.format(" (%.0f req/s; machine load %s)", n / seconds, loadAverage()));
        }
    }

    /** The answer is about real data: every project of the agency and the ledger's own total. */
    private void checkProgressAnswer(Connection c, Request r) throws Exception {
        HttpResponse<String> response = http.send(authorized(URI.create(service.url(r.path())))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(r.path() + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        BigDecimal executed = new BigDecimal(body.path("executed").path("total").asText());
        BigDecimal ledger;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(amount), 0) FROM bench_ledger "
                + "WHERE agency_code = ? AND fiscal_year = 2021 AND paid_on <= ?")) {
            ps.setString(1, r.agency());
            ps.setObject(2, r.asOf());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ledger = rs.getBigDecimal(1);
            }
        }
        int expectedProjects = data.projectsOf(r.agency());
        boolean ok = body.path("projectCount").asInt() == expectedProjects
                && body.path("projects").size() == expectedProjects && executed.compareTo(ledger) == 0;
        report.put("answer check " + r.agency() + " " + r.asOf(), String.format("%s: %d projects, executed %s yuan "
                        + "(ledger: %s), rate %s %%, planned %s %%, %s, %,d bytes", ok ? "ok" : "WRONG",
                body.path("projectCount").asInt(), executed.toPlainString(), ledger.toPlainString(),
                body.path("executionRate").asText(), body.path("plannedRate").asText(), body.path("statusCounts"),
                response.body().getBytes(StandardCharsets.UTF_8).length));
        if (!ok) {
            throw new IllegalStateException("Wrong progress answer for " + r.path());
        }
    }

    private long get(String path) throws IOException, InterruptedException {
        HttpRequest request = authorized(URI.create(service.url(path))).timeout(Duration.ofSeconds(60))
                .build();
        long t = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - t;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return nanos;
    }

    // ------------------------------------------------------------------------------------------ views (issue 14)

    private Path gcLog() {
        return root.resolve("reporting-service/target/reporting-service-gc.log");
    }

    /**
     * GET /api/bureau (every agency), GET /api/overview and GET /api/exports/monitoring.xlsx for the first agency
     * (--big-agency projects), after checking that the answers are about the loaded data.
     */
    private void measureViews(Connection c) throws Exception {
        String agency = data.agencies.get(0);
        int n = intArg("view-requests", 200);
        int warmup = Math.min(20, n);
        checkBureauAnswer(c, PRIMARY_AS_OF);
        checkBureauAnswer(c, LocalDate.of(2021, 8, 15));
        checkOverviewAnswer(c, agency, PRIMARY_AS_OF);
        measureSeries("GET /api/bureau (all " + data.agencyCount + " agencies)", "bureau",
                d -> "/api/bureau?year=2021&asOf=" + d, warmup, n);
        measureSeries("GET /api/overview (" + data.bigAgency + " projects)", "overview",
                d -> "/api/overview?agency=" + agency + "&year=2021&asOf=" + d, warmup, n);
        // the answers above are kept by the service until something of their agency changes: the same reads with
        // nothing kept (a reset notice before each) and with some agencies changed before each
        int cold = Math.min(n, intArg("cold-requests", 40));
        measureAfterNotices(c, "GET /api/bureau, nothing kept (reset before each)", cold, List.of(),
                "/api/bureau?year=2021&asOf=" + PRIMARY_AS_OF, true);
        measureAfterNotices(c, "GET /api/overview, nothing kept (its agency changed before each)", cold,
                List.of(agency), "/api/overview?agency=" + agency + "&year=2021&asOf=" + PRIMARY_AS_OF, false);
        for (int changed : List.of(20, 200)) {
            measureAfterNotices(c, "GET /api/bureau, " + changed + " agencies changed before each", cold,
                    data.agencies.subList(0, Math.min(changed, data.agencies.size())),
                    "/api/bureau?year=2021&asOf=" + PRIMARY_AS_OF, false);
        }
        measureXlsx(agency);
    }

    /**
     * Before each request, the notices a writer would send in its transaction (one per changed agency, or the
     * rebuild's reset), then 20 ms for the service's listener to hear them (localhost: well under 1 ms).
     */
    private void measureAfterNotices(Connection c, String label, int n, List<String> agencies, String path,
                                     boolean reset) throws Exception {
        get(path); // kept from here on
        List<Long> all = new ArrayList<>(n);
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('budgetwatch_live', ?)")) {
            for (int i = 0; i < n; i++) {
                if (reset) {
                    notify.setString(1, "{\"type\":\"reset\"}");
                    notify.execute();
                }
                for (String a : agencies) {
                    notify.setString(1, "{\"type\":\"payment\",\"agencyCode\":\"" + a
                            + "\",\"fiscalYear\":2021,\"projectCode\":null}");
                    notify.execute();
                }
                Thread.sleep(20);
                all.add(get(path));
            }
        }
        report.put(label, Latency.of(all).line() + " (machine load " + loadAverage() + ")");
    }

    private void measureSeries(String label, String shortLabel, java.util.function.Function<LocalDate, String> path,
                               int warmup, int n) throws Exception {
        for (int i = 0; i < warmup; i++) {
            get(path.apply(AS_OF_DATES.get(i % AS_OF_DATES.size())));
        }
        List<Long> all = new ArrayList<>(n);
        Map<LocalDate, List<Long>> byDate = new LinkedHashMap<>();
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LocalDate date = AS_OF_DATES.get(i % AS_OF_DATES.size());
            long nanos = get(path.apply(date));
            all.add(nanos);
            byDate.computeIfAbsent(date, k -> new ArrayList<>()).add(nanos);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        report.put(label + ", 1 client", Latency.of(all).line() + String.format(" (%.0f req/s; machine load %s)",
                n / seconds, loadAverage()));
        byDate.forEach((date, list) -> report.put("  " + shortLabel + " asOf=" + date, Latency.of(list).line()));
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(authorized(URI.create(service.url(path)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        lastBytes = response.body().getBytes(StandardCharsets.UTF_8).length;
        return json.readTree(response.body());
    }

    private int lastBytes;

    private BigDecimal ledgerSum(Connection c, String agency, LocalDate asOf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(amount), 0) FROM bench_ledger "
                + "WHERE fiscal_year = 2021 AND paid_on <= ?" + (agency == null ? "" : " AND agency_code = ?"))) {
            ps.setObject(1, asOf);
            if (agency != null) {
                ps.setString(2, agency);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    /** Every agency, every project, the ledger's total; the first agency's line agrees with its progress answer. */
    private void checkBureauAnswer(Connection c, LocalDate asOf) throws Exception {
        JsonNode body = getJson("/api/bureau?year=2021&asOf=" + asOf);
        int bytes = lastBytes;
        BigDecimal executed = BigDecimal.ZERO;
        long projects = 0;
        long colours = 0;
        long[] gyr = new long[3];
        JsonNode first = null;
        for (JsonNode a : body.path("agencies")) {
            executed = executed.add(new BigDecimal(a.path("executed").asText()));
            projects += a.path("projectCount").asLong();
            gyr[0] += a.path("green").asLong();
            gyr[1] += a.path("yellow").asLong();
            gyr[2] += a.path("red").asLong();
            colours += a.path("green").asLong() + a.path("yellow").asLong() + a.path("red").asLong();
            if (a.path("agencyCode").asText().equals(data.agencies.get(0))) {
                first = a;
            }
        }
        BigDecimal ledger = ledgerSum(c, null, asOf);
        JsonNode progress = getJson("/api/progress?agency=" + data.agencies.get(0) + "&year=2021&asOf=" + asOf);
        JsonNode counts = progress.path("statusCounts");
        boolean firstAgrees = first != null
                && first.path("executed").asText().equals(progress.path("executed").path("total").asText())
                && first.path("plannedRate").asText().equals(progress.path("plannedRate").asText())
                && first.path("green").asLong() == counts.path("ON_TRACK").asLong()
                && first.path("yellow").asLong() == counts.path("LAGGING").asLong()
                && first.path("red").asLong() == counts.path("SERIOUSLY_LAGGING").asLong()
                + counts.path("OVERSPENT").asLong();
        boolean ok = body.path("agencies").size() == data.agencyCount && projects == data.projectCount
                && colours == projects && executed.compareTo(ledger) == 0 && firstAgrees;
        report.put("answer check bureau " + asOf, String.format("%s: %,d agencies, %,d projects (green %,d, yellow "
                        + "%,d, red %,d), executed %s yuan (ledger: %s), %s agrees with its progress answer: %s, "
                        + "%,d bytes", ok ? "ok" : "WRONG", body.path("agencies").size(), projects, gyr[0], gyr[1],
                gyr[2], executed.toPlainString(), ledger.toPlainString(), data.agencies.get(0), firstAgrees, bytes));
        if (!ok) {
            throw new IllegalStateException("Wrong bureau answer at " + asOf);
        }
    }

    private void checkOverviewAnswer(Connection c, String agency, LocalDate asOf) throws Exception {
        JsonNode body = getJson("/api/overview?agency=" + agency + "&year=2021&asOf=" + asOf);
        BigDecimal executed = new BigDecimal(body.path("executed").path("total").asText());
        BigDecimal ledger = ledgerSum(c, agency, asOf);
        boolean ok = body.path("projectCount").asInt() == data.projectsOf(agency)
                && body.path("projects").size() == data.projectsOf(agency) && executed.compareTo(ledger) == 0
                && body.path("curve").size() == 12
                && body.path("curve").get(asOf.getMonthValue() - 1).path("actualAmount").asText()
                .equals(executed.toPlainString());
        report.put("answer check overview " + agency + " " + asOf, String.format("%s: %d projects, executed %s yuan "
                        + "(ledger: %s), %s, open alerts %s, indicators %s, %,d bytes", ok ? "ok" : "WRONG",
                body.path("projectCount").asInt(), executed.toPlainString(), ledger.toPlainString(),
                body.path("statusCounts"), body.path("openAlerts"), body.path("indicators"), lastBytes));
        if (!ok) {
            throw new IllegalStateException("Wrong overview answer for " + agency + " at " + asOf);
        }
    }

    /**
     * The monitoring workbook of the first agency: latency, and the service's heap around the downloads (the service
     * runs in its own process: its heap after a full GC before and after, as jcmd reports it, and from its GC log
     * the heap in use when a collection started during the downloads, against the retained baseline).
     */
    private void measureXlsx(String agency) throws Exception {
        String path = "/api/exports/monitoring.xlsx?agency=" + agency + "&year=2021&asOf=" + PRIMARY_AS_OF;
        int n = intArg("xlsx-requests", 20);
        HttpResponse<byte[]> first = http.send(authorized(URI.create(service.url(path)))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200 || first.body().length < 4 || first.body()[0] != 'P' || first.body()[1] != 'K') {
            throw new IllegalStateException(path + " answered " + first.statusCode() + " without a workbook");
        }
        for (int i = 0; i < intArg("xlsx-warmup", Math.min(3, n)); i++) {
            get(path);
        }
        long pid = service.pid();
        jcmd(pid, "GC.run");
        long baseline = heapUsedMb(pid);
        String hwmBefore = vmHwm(pid);
        long gcLinesBefore = gcLines().size();
        Path recording = root.resolve("benchmarks/target/xlsx-downloads.jfr");
        boolean jfr = args.containsKey("xlsx-jfr");
        if (jfr) {
            Files.deleteIfExists(recording);
            jcmd(pid, "JFR.start name=xlsx settings=profile filename=" + recording);
        }
        List<Long> times = new ArrayList<>(n);
        long cpuBefore = cpuTicks(pid);
        Map<String, Long> threadsBefore = threadTicks(pid);
        for (int i = 0; i < n; i++) {
            times.add(get(path));
        }
        long cpuAfter = cpuTicks(pid);
        Map<String, Long> threadsAfter = threadTicks(pid);
        if (jfr) {
            jcmd(pid, "JFR.stop name=xlsx");
            report.put("  monitoring.xlsx allocation (JFR)", XlsxAllocation.summarize(recording, n,
                    root.resolve("benchmarks/target/xlsx-allocation.txt")));
        }
        List<String> during = gcLines();
        during = during.subList((int) Math.min(gcLinesBefore, during.size()), during.size());
        long peakBeforeGc = -1;
        long peakAfterGc = -1;
        int collections = 0;
        java.util.regex.Pattern pause = java.util.regex.Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        for (String line : during) {
            java.util.regex.Matcher m = pause.matcher(line);
            if (m.find()) {
                collections++;
                peakBeforeGc = Math.max(peakBeforeGc, Long.parseLong(m.group(1)));
                peakAfterGc = Math.max(peakAfterGc, Long.parseLong(m.group(2)));
            }
        }
        long afterNoGc = heapUsedMb(pid);
        jcmd(pid, "GC.run");
        long afterGc = heapUsedMb(pid);
        report.put("GET /api/exports/monitoring.xlsx (" + data.projectsOf(agency) + " projects), 1 client",
                Latency.of(times).line() + String.format(" (%,d bytes; machine load %s)", first.body().length,
                        loadAverage()));
        report.put("  monitoring.xlsx service heap", String.format("retained after full GC %d MB before, %d MB after "
                        + "the %d downloads; %d young/mixed collections during them, heap in use when one started up to "
                        + "%s (%s above the retained baseline), %d MB in use at the end before a GC; service VmHWM %s "
                        + "-> %s", baseline, afterGc, n, collections, peakBeforeGc < 0 ? "-" : peakBeforeGc + " MB",
                peakBeforeGc < 0 ? "-" : (peakBeforeGc - baseline) + " MB", afterNoGc, hwmBefore, vmHwm(pid)));
        report.put("  monitoring.xlsx heap still in use after a collection during the downloads", peakAfterGc < 0
                ? "-" : String.format("up to %d MB (%d MB above the retained baseline): what a download holds, at "
                + "most", peakAfterGc, peakAfterGc - baseline));
        report.put("  monitoring.xlsx OutOfMemoryError in the service log", Long.toString(outOfMemoryErrors()));
        report.put("  monitoring.xlsx service CPU", cpuBefore < 0 || cpuAfter < 0 ? "unknown" : String.format(
                "%.2f s per download (user + system time of the service process, all its threads, /proc; the wall "
                        + "time above waits for the machine's other work too)", (cpuAfter - cpuBefore) / 100.0 / n));
        Map<String, Long> byThread = new java.util.HashMap<>();
        threadsAfter.forEach((id, ticks) -> byThread.merge(id.substring(id.indexOf(' ') + 1).replaceAll("\\d+", "N"),
                ticks - threadsBefore.getOrDefault(id, 0L), Long::sum));
        report.put("  monitoring.xlsx service CPU by thread", byThread.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue() / 100.0 / n))
                .reduce((a, b) -> a + ", " + b).orElse("unknown") + " per download");
    }

    /** Lines of the service's log that name an OutOfMemoryError. */
    private long outOfMemoryErrors() {
        try (var lines = Files.lines(root.resolve("reporting-service/target/reporting-service-process.log"),
                StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("OutOfMemoryError")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private List<String> gcLines() {
        try {
            return Files.readAllLines(gcLog());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Heap in use (MB) as {@code jcmd GC.heap_info} reports it; -1 when it cannot be read. */
    private static long heapUsedMb(long pid) {
        long kb = 0;
        boolean found = false;
        java.util.regex.Pattern used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K");
        for (String line : jcmd(pid, "GC.heap_info").split("\\R")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            java.util.regex.Matcher m = used.matcher(line);
            if (m.find()) {
                kb += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? kb / 1024 : -1;
    }

    // ------------------------------------------------------------------------------------------ evaluation

    private void measureEvaluation(Connection c) throws Exception {
        int runs = intArg("evaluation-runs", 3);
        List<Double> times = new ArrayList<>();
        JsonNode summary = null;
        for (int i = 0; i < runs; i++) {
            summary = evaluate(c, LocalDate.of(2021, 4, 1), true);
            times.add(lastSeconds);
        }
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        report.put("evaluate asOf=2021-04-01 (31 March checkpoint of every project + immediate rules)",
                String.format("median %.2f s of %d runs (%s); %s", sorted.get(sorted.size() / 2), runs,
                        times.stream().map(t -> String.format("%.2f", t)).reduce((a, b) -> a + ", " + b).orElse(""),
                        describe(c, summary)));
        if (!args.containsKey("skip-full-year")) {
            summary = evaluate(c, LocalDate.of(2022, 1, 1), true);
            report.put("evaluate asOf=2022-01-01 (full-year back-fill: 4 checkpoints of every project)",
                    String.format("%.2f s; %s", lastSeconds, describe(c, summary)));
            summary = evaluate(c, LocalDate.of(2022, 1, 1), false);
            report.put("evaluate asOf=2022-01-01 again (everything already raised)",
                    String.format("%.2f s; %s", lastSeconds, describe(c, summary)));
        }
    }

    private double lastSeconds;

    /** One POST /api/alerts/evaluate, after emptying what an evaluation writes when {@code clear}. */
    private JsonNode evaluate(Connection c, LocalDate asOf, boolean clear) throws Exception {
        awaitOutboxPublished(c);
        if (clear) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE checkpoint_evaluation, alert_delivery, alert, outbox");
            }
        }
        long t = System.nanoTime();
        HttpResponse<String> response = http.send(authorized(
                        URI.create(service.url("/api/alerts/evaluate?asOf=" + asOf)))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        lastSeconds = (System.nanoTime() - t) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("evaluate answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private String describe(Connection c, JsonNode summary) throws SQLException {
        StringBuilder rules = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT rule, severity, count(*) FROM alert GROUP BY 1, 2 ORDER BY 1, 2")) {
            while (rs.next()) {
                rules.append(rules.length() == 0 ? "" : ", ").append(rs.getString(1)).append('/')
                        .append(rs.getString(2)).append(' ').append(rs.getLong(3));
            }
        }
        return String.format("%,d checkpoints of %,d projects, %,d alerts raised; stored: %,d alerts (%s), %,d outbox "
                        + "rows; machine load %s", summary.path("checkpointsEvaluated").asLong(),
                summary.path("projectsEvaluated").asLong(), summary.path("alertsRaised").asLong(),
                count(c, "SELECT count(*) FROM alert"), rules, count(c, "SELECT count(*) FROM outbox"), loadAverage());
    }

    /**
     * The scheduler's own path (due checkpoints not evaluated yet, no immediate pass): the service restarted
     * with the scheduler on and its clock pinned to 1 April 2021, so its first run (5 s after start) evaluates
     * every project's 31 March checkpoint. Timed in PostgreSQL's clock, from the start of the scheduler's
     * query for due checkpoints until every checkpoint is recorded as evaluated (polled every few ms).
     */
    private void measureScheduler(Connection c) throws Exception {
        awaitOutboxPublished(c);
        service.close();
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE checkpoint_evaluation, alert_delivery, alert, outbox");
        }
        Map<String, String> props = new LinkedHashMap<>(serviceProps);
        props.put("budgetwatch.alerts.scheduler-enabled", "true");
        props.put("budgetwatch.clock.fixed", "2021-04-01T09:00:00+08:00");
        service = startService(props);
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT min(query_start) FROM pg_stat_activity WHERE datname = current_database()
                            AND query LIKE '%NOT EXISTS (SELECT 1 FROM checkpoint_evaluation%'
                            AND query NOT LIKE '%pg_stat_activity%'),
                       (SELECT count(*) FROM checkpoint_evaluation), clock_timestamp()""")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (start == null) {
                        start = rs.getObject(1, OffsetDateTime.class);
                    }
                    if (rs.getLong(2) >= data.projectCount) {
                        end = rs.getObject(3, OffsetDateTime.class);
                        break;
                    }
                }
                Thread.sleep(5);
            }
        }
        long alerts = count(c, "SELECT count(*) FROM alert");
        if (end == null) {
            report.put("scheduler: first run at 2021-04-01", "did not evaluate every project within 5 minutes");
        } else if (start == null) {
            report.put("scheduler: first run at 2021-04-01", "start not observed; " + alerts + " alerts raised");
        } else {
            report.put("scheduler: first run at 2021-04-01", String.format("%.2f s (restarted service, cold JVM; due "
                            + "checkpoints query to the last one recorded); %,d checkpoints, %,d alerts raised; load %s",
                    Duration.between(start, end).toNanos() / 1e9, count(c, "SELECT count(*) FROM checkpoint_evaluation"),
                    alerts, loadAverage()));
        }
    }

    /** Lets the relay finish publishing what an earlier step raised, so it does not overlap a measurement. */
    private void awaitOutboxPublished(Connection c) throws Exception {
        if (!outboxPublishes) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline
                && count(c, "SELECT count(*) FROM outbox WHERE published_at IS NULL") > 0) {
            Thread.sleep(200);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int intArg(String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, String.valueOf(fallback)));
    }

    private static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** The 1-minute load average: this machine's cores are shared, so figures depend on it. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** User + system time of a process in clock ticks (1/100 s on Linux); -1 when it cannot be read. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the fields after the command name in parentheses: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Per thread ("tid name"): user + system clock ticks, from /proc/PID/task. */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return ticks;
    }

    private static String vmHwm(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.format("%,d MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return "unknown";
    }
}
