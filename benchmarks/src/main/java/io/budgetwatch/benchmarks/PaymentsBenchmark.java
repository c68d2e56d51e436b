package io.budgetwatch.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.ServiceProcess;
import io.budgetwatch.testsupport.SuiteInfrastructure;
import io.budgetwatch.testsupport.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payment ingestion benchmark (not a test).
 *
 * <ol>
 *   <li>Raw ceiling: the same rows inserted straight into PostgreSQL with JDBC, multi-row
 *   {@code INSERT ... ON CONFLICT DO NOTHING}, 1000 rows per statement, into a scratch table.</li>
 *   <li>End to end: the records published on treasury.payments, or posted to /api/payments in batches
 *   ({@code --mode http}), after their projects on
 *   goals.projects), timed from the first send until execution-service's ledger holds every entry.</li>
 * </ol>
 * Prints both rates, their ratio and the service's peak resident memory (VmHWM).
 *
 * <p>{@code --vouchers}: after the concurrent payment run, the same workload (same seed and size, fresh projects)
 * as treasury pay vouchers on treasury.pay-vouchers, timed the same way (first send until the ledger holds every
 * expected entry), and the voucher rate against the payment rate.
 *
 * <p>Modes: against the local stack (default: broker localhost:9092, PostgreSQL localhost:15432,
 * database execution, user budgetwatch, service http://localhost:8082), or {@code --embedded}: its own
 * broker and PostgreSQL (the test infrastructure) and the packaged execution-service as a child process.
 *
 * <p>{@code --replicas 1,2} (embedded only): for each count N in turn, N execution-service processes on one fresh
 * database and the same consumer group (the partitions shared between them), the same workload measured the same
 * way (a warm-up, then the phases; the ledger checked exact for each N), and the figures of every N side by side.
 */
public final class PaymentsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** As deploy/local/up runs the services (besides -Xmx). */
    static final String DEFAULT_SERVICE_OPTS = "-XX:+UseParallelGC";

    private final Map<String, String> args;
    private final long events;
    private final int projectCount;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
    private String bootstrap;
    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;
    private String serviceUrl;
    private Long servicePid;
    /** Embedded: the execution-service processes of the current replica count (instance 0 first). */
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final List<Integer> replicaCounts;
    private int replicas = 1;
    /** The round of --replicas being measured (0-based): the key of its figures (a count may come twice). */
    private int round;
    /** Per round of --replicas: the figures of each measured phase, for the side-by-side table. */
    private final Map<Integer, List<Figures>> figures = new LinkedHashMap<>();
    private final Map<Integer, List<Long>> peakRssKb = new LinkedHashMap<>();
    private final AtomicLong rssPeakSampled = new AtomicLong();
    /** Bearer tokens of the calls (null: none sent): posting payments, pausing the consumer, reading ledgers. */
    private String treasuryToken;
    private String adminToken;
    private String readerToken;

    private PaymentsBenchmark(Map<String, String> args) {
        this.args = args;
        this.events = Long.parseLong(args.getOrDefault("events", "1000000"));
        this.projectCount = Integer.parseInt(args.getOrDefault("projects", "200"));
        this.replicaCounts = replicaCounts(args.getOrDefault("replicas", "1"), args.containsKey("embedded"));
    }

    /** "1,2" -> [1, 2]: each from 1 to 9; more than one process only with --embedded. */
    static List<Integer> replicaCounts(String list, boolean embedded) {
        List<Integer> counts = new ArrayList<>();
        for (String part : list.split(",")) {
            int n;
            try {
                n = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--replicas " + list + ": a list of counts from 1 to 9, e.g. 1,2");
            }
            if (n < 1 || n > 9) {
                throw new IllegalArgumentException("--replicas " + list + ": each count from 1 to 9");
            }
            counts.add(n);
        }
        if (!embedded && (counts.size() > 1 || counts.get(0) != 1)) {
            throw new IllegalArgumentException("--replicas starts execution-service processes: needs --embedded "
                    + "(on the local stack: deploy/local/up --replicas N, then measure it as it is)");
        }
        return counts;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + a);
            }
            String name = a.substring(2);
            if (Set.of("embedded", "skip-ceiling", "vouchers", "help").contains(name)) {
                args.put(name, "true");
            } else {
                args.put(name, argv[++i]);
            }
        }
        if (args.containsKey("help")) {
            System.out.println("""
                    benchmarks/run-payments [options]
                      --embedded               own broker + PostgreSQL + packaged execution-service (child process)
                      --events N               records to publish (default 1000000)
                      --projects N             projects the records are spread over (default 200)
                      --duplicates F           share of exact re-sends (default 0.02)
                      --refunds F              share of partial refunds after their original (default 0.03)
                      --dates chronological|random  payment dates: in posting order over Jan-Jun 2021, a tenth up to
                                               5 days late (default); or any day of those months for every record
                                               (a back-fill: the worst case for reporting-service's daily totals)
                      --service-xmx SIZE       heap of the embedded service (default 200m)
                      --bootstrap HOST:PORT    local-stack broker (default localhost:9092)
                      --jdbc URL               execution database (default jdbc:postgresql://localhost:15432/execution)
                      --db-user U --db-password P   (default budgetwatch / budgetwatch)
                      --service-url URL        (default http://localhost:8082)
                      --service-pid PID        execution-service process for the memory figure (found if omitted)
                      --warmup N               records sent first, on other projects, and not measured (default 300000:
                                               the JIT compiles the hot paths, as in a service that has been running)
                      --service-opts "OPTS"    extra JVM options of the embedded service (default -XX:+UseParallelGC)
                      --replicas LIST          --embedded: for each count N in the list (e.g. 1,2; default 1), N
                                               execution-service processes on one fresh database and the same
                                               consumer group, the same workload and phases (warm-up included),
                                               the ledger checked exact per N; then the figures side by side
                      --mode both|drain|concurrent|http  drain: pause consumption, publish, resume and time the drain;
                                               concurrent: time from the first send while the service consumes
                                               (default both, each with its own N records and projects);
                                               http: POST /api/payments in batches instead of the topic
                      --batch N --clients N    http: records per POST (default 500) and concurrent posters (default 2)
                      --treasury-token T --admin-token T --reader-token T   bearer tokens for the local stack
                                               (--embedded signs its own with the test key the service trusts)
                      --skip-ceiling           only the end-to-end runs
                      --vouchers               after the concurrent payment run, the same N records (same seed) as
                                               pay vouchers on treasury.pay-vouchers, on fresh projects: first paid
                                               states, exact re-sends (--duplicates) and later states with a lowered
                                               XPAY_AMT (--refunds); timed from the first send until the ledger
                                               holds every expected entry; prints the voucher/payment ratio
                                               (needs --mode both or concurrent)
                      --voucher-warmup N       vouchers sent first, on other projects, not measured (default 20000)
                      --quiet-wait S           longest wait for idle CPUs before each measurement (default 300 s;
                                               lower it on a machine that others keep busy)""");
            return;
        }
        new PaymentsBenchmark(args).run();
    }

    private void run() throws Exception {
        try {
            setUp();
            for (int i = 0; i < replicaCounts.size(); i++) {
                round = i;
                replicas = replicaCounts.get(i);
                if (args.containsKey("embedded")) {
                    startServices(i);
                }
                measure(i == 0);
                if (args.containsKey("embedded")) {
                    stopServices();
                }
            }
            if (replicaCounts.size() > 1 || replicas > 1) {
                printSideBySide();
            }
        } finally {
            tearDown();
        }
    }

    private double ceiling = Double.NaN;

    /** Warm-up and the measured phases on the running service(s); the raw ceiling too on the first round. */
    private void measure(boolean first) throws Exception {
        List<String> projects = projects("M", projectCount);
        double dup = Double.parseDouble(args.getOrDefault("duplicates", "0.02"));
        double refund = Double.parseDouble(args.getOrDefault("refunds", "0.03"));
        long seed = 20210701L;
        Workload.Dates dates = Workload.Dates.valueOf(args.getOrDefault("dates", "chronological")
                .toUpperCase(Locale.ROOT));
        System.out.printf("Benchmark %s: %,d records over %d projects (duplicates %.0f %%, refunds %.0f %%, "
                + "%s payment dates)%n", runId, events, projects.size(), dup * 100, refund * 100,
                dates.name().toLowerCase(Locale.ROOT));

        long warmup = Long.parseLong(args.getOrDefault("warmup", "300000"));
        String mode = args.getOrDefault("mode", "both");
        boolean vouchers = args.containsKey("vouchers");
        if (vouchers && !mode.equals("both") && !mode.equals("concurrent")) {
            throw new IllegalArgumentException("--vouchers compares with the concurrent payment run: "
                    + "--mode both or concurrent");
        }
        if (warmup > 0) {
            // the same way as the first measured run: a drain's large batches take other paths than a trickle
            boolean drainWarmup = !mode.equals("concurrent") && !mode.equals("http");
            List<String> warmupProjects = projects("W", Math.min(projectCount, 50));
            long started = System.nanoTime();
            Workload w = new Workload(seed + 1, warmupProjects, runId + "W", dup, refund, dates, warmup);
            endToEnd(w, warmupProjects, warmup, false, drainWarmup);
            System.out.printf("warm-up: %,d records in %.1f s (%s; not measured)%n", warmup,
                    (System.nanoTime() - started) / 1e9, drainWarmup ? "as a drain"
                            : mode.equals("http") ? "posted over HTTP" : "sent while consumed");
        }
        long voucherWarmup = Long.parseLong(args.getOrDefault("voucher-warmup", "20000"));
        if (vouchers && voucherWarmup > 0) {
            List<String> warmupProjects = projects("X", Math.min(projectCount, 50));
            long started = System.nanoTime();
            Workload w = new Workload(seed + 1, warmupProjects, runId + "X", dup, refund, dates, voucherWarmup,
                    Workload.Form.VOUCHER);
            endToEnd(w, warmupProjects, voucherWarmup, false, false);
            System.out.printf("voucher warm-up: %,d records in %.1f s (sent while consumed; not measured)%n",
                    voucherWarmup, (System.nanoTime() - started) / 1e9);
        }

        if (first && !args.containsKey("skip-ceiling")) {
            awaitQuiet("the ceiling");
            ceiling = ceiling(new Workload(seed, projects, runId, dup, refund, dates, events));
        }
        List<String> summary = new ArrayList<>();
        if (mode.equals("both") || mode.equals("drain")) {
            System.out.println("backlog drain: consumption paused, records published, consumption resumed");
            summary.add(phase("backlog drain (resume -> ledger holds all)", new Workload(seed, projects, runId,
                    dup, refund, dates, events), projects, true, ceiling));
        }
        if (mode.equals("http")) {
            List<String> httpProjects = projects("H", projectCount);
            System.out.printf("http: records posted to /api/payments, %s per request, %s clients%n",
                    args.getOrDefault("batch", "500"), args.getOrDefault("clients", "2"));
            summary.add(phase("http batch post (first POST -> ledger holds all)", new Workload(seed + 3,
                    httpProjects, runId + "H", dup, refund, dates, events), httpProjects, false, ceiling));
        } else if (!mode.equals("drain")) {
            List<String> concurrentProjects = projects("C", projectCount);
            System.out.println("concurrent: records published while the service consumes");
            summary.add(phase("concurrent (first send -> ledger holds all)", new Workload(seed + 2,
                    concurrentProjects, runId + "C", dup, refund, dates, events), concurrentProjects, false,
                    ceiling));
        }
        Result paymentsConcurrent = lastResult;
        Result voucherRun = null;
        if (vouchers) {
            List<String> voucherProjects = projects("V", projectCount);
            System.out.println("vouchers: the concurrent run's records as pay vouchers on treasury.pay-vouchers, "
                    + "published while the service consumes");
            summary.add(phase("vouchers, concurrent (first send -> ledger holds all)", new Workload(seed + 2,
                    voucherProjects, runId + "V", dup, refund, dates, events, Workload.Form.VOUCHER),
                    voucherProjects, false, ceiling));
            voucherRun = lastResult;
        }

        long hwm = vmHwmKb();
        peakRssKb.put(round, servicePids().stream().map(pid -> procStatusKb(pid, "VmHWM:")).toList());
        System.out.println();
        System.out.println("=== Payment ingestion benchmark " + runId
                + (replicaCounts.size() > 1 || replicas > 1 ? ", " + replicas + " execution-service process"
                + (replicas > 1 ? "es" : "") : "") + " ===");
        if (!Double.isNaN(ceiling)) {
            System.out.printf("raw ceiling (JDBC INSERT ... ON CONFLICT DO NOTHING, 1000 rows/stmt): %,.0f rows/s%n",
                    ceiling);
        }
        summary.forEach(System.out::print);
        if (voucherRun != null) {
            System.out.printf("vouchers / payments (both concurrent over Kafka, %,d records each): %.2f "
                            + "(%,.0f vs %,.0f records/s; sustained %,.0f vs %,.0f entries/s)%n", events,
                    voucherRun.rate / paymentsConcurrent.rate, voucherRun.rate, paymentsConcurrent.rate,
                    voucherRun.sustained, paymentsConcurrent.sustained);
        }
        if (hwm > 0) {
            System.out.printf("execution-service peak RSS (VmHWM, pid %s): %,d MB (target < 512 MB)%s%n",
                    servicePids().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
                    hwm / 1024, !instances.isEmpty() ? ", -Xmx" + args.getOrDefault("service-xmx", "200m") + " "
                            + args.getOrDefault("service-opts", DEFAULT_SERVICE_OPTS)
                            + (replicas > 1 ? " (the largest of the " + replicas + " processes)" : "") : "");
        } else {
            System.out.printf("execution-service peak RSS: unknown (no pid; pass --service-pid); "
                    + "largest sampled RSS %,d MB%n", rssPeakSampled.get() / 1024);
        }
    }

    /** Each replica count's figures in one column (--replicas with more than one count, or more than one process). */
    private void printSideBySide() {
        System.out.println();
        System.out.printf("=== Replicas side by side, benchmark %s: %,d records per phase; per N a fresh database, N "
                + "execution-service processes in one consumer group; %d cores ===%n", runId, events,
                Runtime.getRuntime().availableProcessors());
        StringBuilder head = new StringBuilder(String.format("%-46s", ""));
        figures.keySet().forEach(r -> head.append(String.format("%16s", "N=" + replicaCounts.get(r))));
        System.out.println(head);
        List<String> phases = figures.values().iterator().next().stream().map(Figures::phase).toList();
        for (int p = 0; p < phases.size(); p++) {
            int at = p;
            System.out.println(phases.get(p) + ":");
            row("  records/s end to end (as the phase times it)", n -> String.format("%,.0f", n.get(at).result.rate()));
            row("  sustained entries/s (10 % -> 90 %)", n -> String.format("%,.0f", n.get(at).result.sustained()));
            row("  seconds", n -> String.format("%.1f", n.get(at).result.seconds()));
            row("  ledger exact (count and sum)", n -> n.get(at).exact() ? "yes" : "NO");
            row("  execution.ledger caught up after (s)", n -> String.format("%.1f", n.get(at).result.relayLagSeconds()));
            row("  CPU s execution-service (all processes)", n -> String.format("%.1f", n.get(at).serviceCpu()));
            row("  CPU s PostgreSQL", n -> String.format("%.1f", n.get(at).postgresCpu()));
            row("  CPU s all CPUs (/proc/stat, others too)", n -> String.format("%.1f", n.get(at).machineCpu()));
            row("  execution-service CPU ms per 1000 records", n -> String.format("%.0f",
                    n.get(at).serviceCpu() * 1e6 / events));
        }
        StringBuilder rss = new StringBuilder(String.format("%-46s", "peak RSS per process (MB)"));
        peakRssKb.values().forEach(kbs -> rss.append(String.format("%16s", kbs.stream()
                .map(kb -> kb < 0 ? "?" : String.valueOf(kb / 1024)).collect(java.util.stream.Collectors.joining("/")))));
        System.out.println(rss);
    }

    private void row(String label, java.util.function.Function<List<Figures>, String> cell) {
        StringBuilder line = new StringBuilder(String.format("%-46s", label));
        figures.values().forEach(n -> line.append(String.format("%16s", cell.apply(n))));
        System.out.println(line);
    }

    /** One measured phase of one replica count. */
    record Figures(String phase, Result result, boolean exact, double serviceCpu, double postgresCpu,
                   double machineCpu) {
    }

    /**
     * Waits until this machine's CPUs are nearly idle for two seconds in a row (at most {@code --quiet-wait} seconds,
     * default 300): each
     * measurement starts from the same state, not while reporting-service still applies the last run's
     * ledger events or PostgreSQL's autovacuum goes through the last run's rows.
     */
    private void awaitQuiet(String before) throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(Long.parseLong(args.getOrDefault("quiet-wait", "300"))).toNanos();
        int quietSeconds = 0;
        long[] last = cpuTicks();
        double busy = 1;
        while (quietSeconds < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long[] now = cpuTicks();
            long total = now[0] - last[0];
            busy = total == 0 ? 0 : (double) (now[1] - last[1]) / total;
            last = now;
            quietSeconds = busy < 0.15 ? quietSeconds + 1 : 0;
        }
        double waited = (System.nanoTime() - started) / 1e9;
        if (quietSeconds < 2) {
            System.out.printf("  the machine is still %.0f %% busy after %.0f s; measuring %s anyway%n", busy * 100,
                    waited, before);
        } else if (waited > 3) {
            System.out.printf("  waited %.0f s for the machine to go quiet before %s%n", waited, before);
        }
    }

    /** {total, busy} jiffies of all CPUs from /proc/stat (zeros where there is none). */
    private static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0); // idle + iowait
            return new long[] {total, total - idle};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    /** One measured run; answers its report. */
    private String phase(String title, Workload workload, List<String> projects, boolean drain, double ceiling)
            throws Exception {
        awaitQuiet(title.substring(0, title.indexOf(" (")));
        double[] cpuBefore = cpuSeconds();
        Result e2e = endToEnd(workload, projects, events, true, drain);
        double[] cpuAfter = cpuSeconds();
        lastResult = e2e;
        StringBuilder out = new StringBuilder();
        java.util.Formatter f = new java.util.Formatter(out);
        f.format("--- %s ---%n", title);
        if (workload.vouchers()) {
            f.format("records published        : %,d (first paid states %,d, exact re-sends %,d, later states with "
                            + "a lowered XPAY_AMT %,d); avg %d bytes; publish rate %,.0f records/s%n", events,
                    workload.payments, workload.duplicates, workload.refunds, workload.bytes / Math.max(1, events),
                    e2e.publishRate);
        } else {
            f.format("records published        : %,d (payments %,d, duplicates %,d, refunds %,d); avg %d bytes; "
                            + "publish rate %,.0f records/s%n", events, workload.payments, workload.duplicates,
                    workload.refunds, workload.bytes / Math.max(1, events), e2e.publishRate);
        }
        f.format("ledger entries expected  : %,d, held after run: %,d, sum %s yuan (matches: %s); exact: %s%n",
                workload.entries(), e2e.entries, workload.sum.toPlainString(), e2e.sumMatches,
                e2e.entries == workload.entries() && e2e.sumMatches ? "yes" : "NO");
        if (workload.vouchers()) {
            f.format("voucher rows             : %s%n", voucherCheck(workload, projects));
        }
        f.format("rate                     : %,.0f records/s (%.1f s); sustained (10 %% -> 90 %% of the ledger) "
                + "%,.0f entries/s%n", e2e.rate, e2e.seconds, e2e.sustained);
        f.format("execution.ledger caught up %.1f s after the ledger%n", e2e.relayLagSeconds);
        if (!Double.isNaN(ceiling)) {
            f.format("ratio to the ceiling     : %.2f (target >= 0.70); sustained / ceiling: %.2f%n",
                    e2e.rate / ceiling, e2e.sustained / ceiling);
        }
        double[] used = new double[cpuAfter.length];
        for (int i = 0; i < used.length; i++) {
            used[i] = cpuAfter[i] - cpuBefore[i];
        }
        boolean exact = e2e.entries == workload.entries() && e2e.sumMatches;
        figures.computeIfAbsent(round, r -> new ArrayList<>()).add(new Figures(title.substring(0, title.indexOf(" (")),
                e2e, exact, used[0], used[1], used[3]));
        f.format("CPU seconds              : execution-service %.1f, PostgreSQL %.1f, this JVM (publisher%s) %.1f, "
                        + "everything else%s %.1f; %d cores%n", used[0], used[1],
                args.containsKey("embedded") ? " + embedded broker" : "", used[2],
                args.containsKey("embedded") ? "" : " (broker, reporting-service, goals-service)",
                used[3] - used[0] - used[1] - used[2], Runtime.getRuntime().availableProcessors());
        return out.toString();
    }

    /**
     * After a voucher run: vouchers and stored states of the run's projects against what the stream sent (one
     * voucher per first state; one APPLIED state per first state and per later state; re-sends store nothing), the
     * states that did not apply (STALE / CONFLICT) and the voucher DLQ records.
     */
    private String voucherCheck(Workload workload, List<String> projects) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             PreparedStatement q = c.prepareStatement("SELECT (SELECT count(*) FROM voucher WHERE project_code = ANY(?)), "
                     + "(SELECT count(*) FILTER (WHERE status = 'APPLIED') FROM voucher_state WHERE project_code = ANY(?)), "
                     + "(SELECT count(*) FILTER (WHERE status <> 'APPLIED') FROM voucher_state WHERE project_code = ANY(?)), "
                     + "(SELECT count(*) FROM dlq_record WHERE project_code = ANY(?))")) {
            Array codes = c.createArrayOf("text", projects.toArray());
            q.setArray(1, codes);
            q.setArray(2, codes);
            q.setArray(3, codes);
            q.setArray(4, codes);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long vouchersHeld = rs.getLong(1);
                long applied = rs.getLong(2);
                long other = rs.getLong(3);
                long refused = rs.getLong(4);
                boolean ok = vouchersHeld == workload.payments && applied == workload.payments + workload.refunds
                        && other == 0 && refused == 0;
                return String.format("%,d vouchers (expected %,d), %,d applied states (expected %,d), %,d not applied, "
                        + "%,d refused; %s", vouchersHeld, workload.payments, applied, workload.payments
                        + workload.refunds, other, refused, ok ? "as expected" : "NOT AS EXPECTED");
            }
        }
    }

    private Result lastResult;

    record Result(double rate, double seconds, double publishRate, long entries, boolean sumMatches,
                  double relayLagSeconds, double sustained) {
    }

    // ------------------------------------------------------------------------------------------ setup

    private void setUp() throws Exception {
        if (args.containsKey("embedded")) {
            SuiteInfrastructure infra = SuiteInfrastructure.get();
            bootstrap = infra.kafkaBootstrap();
            createTopics();
            treasuryToken = TestTokens.user("bench-treasury").roles("treasury").expiresIn(86_400).sign();
            adminToken = TestTokens.user("bench-admin").roles("admin").expiresIn(86_400).sign();
            readerToken = TestTokens.user("bench-supervisor").roles("supervisor").expiresIn(86_400).sign();
            return; // the database and the service(s): startServices, for each replica count
        } else {
            bootstrap = args.getOrDefault("bootstrap", "localhost:9092");
            jdbcUrl = args.getOrDefault("jdbc", "jdbc:postgresql://localhost:15432/execution");
            dbUser = args.getOrDefault("db-user", "budgetwatch");
            dbPassword = args.getOrDefault("db-password", "budgetwatch");
            serviceUrl = args.getOrDefault("service-url", "http://localhost:8082");
            treasuryToken = args.get("treasury-token");
            adminToken = args.get("admin-token");
            readerToken = args.get("reader-token");
            servicePid = args.containsKey("service-pid") ? Long.valueOf(args.get("service-pid")) : findServicePid();
            awaitReady(Duration.ofSeconds(30));
        }
        System.out.printf("broker %s, database %s, execution-service %s (pid %s)%n", bootstrap, jdbcUrl, serviceUrl,
                servicePid == null ? "unknown" : servicePid);
    }

    /** The suite's topics with the partitions the services would create (6), before the service starts. */
    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), 6, (short) 1).configs(t.compacted()
                            ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Round {@code round} of --replicas: a fresh database, then {@code replicas} packaged execution-service processes
     * on it (instance 0 first: it migrates the database; then the others), all in the default consumer group, so the
     * group's committed positions carry over from the previous round and each round reads only its own records.
     */
    private void startServices(int round) throws Exception {
        Path root = Path.of(args.getOrDefault("repo-root", "."));
        String database = "execution_bench_" + runId.toLowerCase(Locale.ROOT) + "_" + round;
        SuiteInfrastructure.Database db = SuiteInfrastructure.get().database(database);
        jdbcUrl = db.jdbcUrl();
        dbUser = db.user();
        dbPassword = db.password();
        postmasterPid = null;
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + args.getOrDefault("service-xmx", "200m")));
        for (String extra : args.getOrDefault("service-opts", DEFAULT_SERVICE_OPTS).split(" ")) {
            if (!extra.isBlank()) {
                jvm.add(extra);
            }
        }
        for (int k = 0; k < replicas; k++) {
            // log: execution-service/target/execution-service-bench-<run>-r<N>-<k>-process.log
            ServiceProcess instance = ServiceProcess.of(root, "execution-service", database,
                    "bench-" + runId.toLowerCase(Locale.ROOT) + "-r" + replicas + "-" + k, Map.of())
                    .jvmOptions(jvm.toArray(String[]::new));
            instances.add(instance);
            instance.start();
            if (k == 0) {
                instance.awaitReady(Duration.ofSeconds(180));
            }
        }
        for (ServiceProcess instance : instances) {
            instance.awaitReady(Duration.ofSeconds(180));
        }
        serviceUrl = instances.get(0).url("");
        servicePid = instances.get(0).pid();
        System.out.printf("%nbroker %s, database %s, %d execution-service process%s: %s (pid %s)%n", bootstrap, jdbcUrl,
                replicas, replicas > 1 ? "es" : "", instances.stream().map(i -> i.url(""))
                        .collect(java.util.stream.Collectors.joining(", ")),
                servicePids().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
    }

    private void stopServices() {
        for (ServiceProcess instance : instances) {
            instance.close();
        }
        instances.clear();
    }

    /** The execution-service processes measured: the embedded ones, else the local stack's (if found). */
    private List<Long> servicePids() {
        if (!instances.isEmpty()) {
            return instances.stream().map(ServiceProcess::pid).toList();
        }
        return servicePid == null ? List.of() : List.of(servicePid);
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("execution-service at " + serviceUrl + " not ready within " + timeout);
    }

    /** The execution-service JVM on this machine: a quarkus-run.jar whose command line or folder names it. */
    private static Long findServicePid() {
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    String cwd = Files.readSymbolicLink(dir.resolve("cwd")).toString();
                    if (cmdline.contains("quarkus-run.jar")
                            && (cmdline.contains("execution-service") || cwd.contains("execution-service"))) {
                        return Long.valueOf(name);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone or not ours
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * CPU seconds used so far by: the service process, the PostgreSQL server's processes (found from a
     * backend's parent; local server only), this JVM, the whole machine.
     */
    private double[] cpuSeconds() {
        List<Long> pids = servicePids();
        double service = pids.isEmpty() ? Double.NaN
                : pids.stream().mapToDouble(pid -> procCpu(Path.of("/proc", pid.toString()))).sum();
        double self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new double[] {service, postgresCpu(), self, cpuTicks()[1] / 100.0}; // USER_HZ
    }

    private final Map<Long, Double> postgresSeen = new java.util.HashMap<>();
    private double postgresTotal;

    private Long postmasterPid;

    /** Cumulative CPU of the database server's processes: its postmaster and children (per pid, so exits keep theirs). */
    private double postgresCpu() {
        try {
            if (postmasterPid == null) {
                try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                     Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    postmasterPid = parentPid(rs.getLong(1));
                }
            }
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : dirs.toList()) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    long pid = Long.parseLong(name);
                    if (pid == postmasterPid || Long.valueOf(postmasterPid).equals(parentPid(pid))) {
                        double now = procCpu(dir);
                        Double before = postgresSeen.put(pid, now);
                        postgresTotal += now - (before == null ? 0 : before);
                    }
                }
            }
            return postgresTotal;
        } catch (Exception e) {
            return Double.NaN; // e.g. the database is on another machine
        }
    }

    private static Long parentPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.valueOf(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of a process, in seconds (clock ticks of 100 Hz). */
    private static double procCpu(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The largest peak RSS of the measured processes. */
    private long vmHwmKb() {
        return servicePids().stream().mapToLong(pid -> procStatusKb(pid, "VmHWM:")).max().orElse(-1);
    }

    /** The field summed over the measured processes (-1 when unknown). */
    private long procStatusKb(String field) {
        List<Long> pids = servicePids();
        long sum = 0;
        for (Long pid : pids) {
            long kb = procStatusKb(pid, field);
            if (kb < 0) {
                return -1;
            }
            sum += kb;
        }
        return pids.isEmpty() ? -1 : sum;
    }

    private static long procStatusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void tearDown() {
        stopServices();
        if (args.containsKey("embedded")) {
            SuiteInfrastructure.stopAll();
        }
    }

    // --------------------------------------------------------------------------------------- projects

    private List<String> projects(String prefix, int count) throws Exception {
        List<String> codes = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                // 130303 (山海关区) + 21 + 13 characters: B + M(easured)/W(arm-up) + run id + index
                String tail = ("B" + prefix + runId + "0000000000000").substring(0, 7) + String.format("%06d", i);
                String code = "13030321" + tail;
                codes.add(code);
                ProjectSnapshot snapshot = new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, UUID.randomUUID().toString(),
                        Instant.now(), code, 1, 2021, "213001", "中共秦皇岛市山海关区委统战部本级", "基准测试项目 " + i,
                        new ProjectSnapshot.Budget(new BigDecimal("5000000000.00"), new BigDecimal("3000000000.00"),
                                new BigDecimal("2000000000.00")), "基准测试", List.of(),
                        List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100"))),
                        List.of(), List.of(), null);
                producer.send(new ProducerRecord<>(Topics.PROJECTS, code.getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(snapshot)));
            }
            producer.flush();
        }
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String code : List.of(codes.get(0), codes.get(codes.size() - 1))) {
            while (true) {
                HttpResponse<String> r = http.send(bearer(HttpRequest.newBuilder(URI.create(serviceUrl + "/api/projects/"
                        + code + "/ledger?limit=0")), readerToken).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("execution-service does not know project " + code);
                }
                Thread.sleep(200);
            }
        }
        return codes;
    }

    // ---------------------------------------------------------------------------------------- ceiling

    private double ceiling(Workload workload) throws SQLException {
        String table = "bench_ceiling_" + runId.toLowerCase(Locale.ROOT);
        int perStatement = 1000;
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (payment_id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                        + "original_payment_id TEXT, fiscal_year INT NOT NULL, agency_code TEXT NOT NULL, "
                        + "project_code TEXT NOT NULL, amount NUMERIC(18,2) NOT NULL, fund_source TEXT NOT NULL, "
                        + "paid_on DATE NOT NULL, economic_class TEXT, functional_class TEXT, authority_doc_no TEXT, "
                        + "payee TEXT, purpose TEXT)");
            }
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
            for (int i = 0; i < perStatement; i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            }
            sql.append(" ON CONFLICT DO NOTHING");
            double[] cpuBefore = cpuSeconds(); // with the connection's backend alive (sampled by its parent)
            long started = System.nanoTime();
            long done = 0;
            try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                while (done < events) {
                    int n = (int) Math.min(perStatement, events - done);
                    PreparedStatement ps = insert;
                    if (n < perStatement) {
                        String tail = sql.substring(0, sql.indexOf(" VALUES ") + 8)
                                + String.join(",", java.util.Collections.nCopies(n, "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"))
                                + " ON CONFLICT DO NOTHING";
                        ps = c.prepareStatement(tail);
                    }
                    int p = 1;
                    for (int i = 0; i < n; i++) {
                        Workload.Rec r = workload.next();
                        ps.setString(p++, r.paymentId());
                        ps.setString(p++, r.kind());
                        ps.setString(p++, r.originalPaymentId());
                        ps.setInt(p++, 2021);
                        ps.setString(p++, "213001");
                        ps.setString(p++, r.projectCode());
                        ps.setBigDecimal(p++, r.amount());
                        ps.setString(p++, r.fundSource());
                        ps.setDate(p++, java.sql.Date.valueOf(r.paidOn()));
                        ps.setString(p++, r.economicClass());
                        ps.setString(p++, r.functionalClass());
                        ps.setString(p++, r.authorityDocNo());
                        ps.setString(p++, r.payee());
                        ps.setString(p++, r.purpose());
                    }
                    ps.executeUpdate();
                    done += n;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = done / seconds;
            System.out.printf("raw ceiling: %,d rows in %.1f s = %,.0f rows/s%n", done, seconds, rate);
            // before the connection closes: PostgreSQL's CPU is summed over the backends alive at each sample
            double[] cpuAfter = cpuSeconds();
            System.out.printf("  CPU seconds: PostgreSQL %.1f, this JVM (JDBC client) %.1f%n",
                    cpuAfter[1] - cpuBefore[1], cpuAfter[2] - cpuBefore[2]);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
            return rate;
        }
    }

    // ------------------------------------------------------------------------------------- end to end

    /**
     * {@code drain}: consumption is paused while the records are published, and the clock starts when
     * it is resumed (the backlog is drained); otherwise the records are published while the service
     * consumes, and the clock starts with the first send.
     */
    private Result endToEnd(Workload workload, List<String> projects, long events, boolean report, boolean drain)
            throws Exception {
        AtomicLong published = new AtomicLong();
        long[] publishEnded = new long[1];
        long[] publishStarted = new long[1];
        boolean overHttp = args.getOrDefault("mode", "both").equals("http");
        String topic = workload.vouchers() ? Topics.TREASURY_PAY_VOUCHERS : Topics.TREASURY_PAYMENTS;
        Runnable publish = () -> {
            publishStarted[0] = System.nanoTime();
            if (overHttp) {
                post(workload, events, published);
                publishEnded[0] = System.nanoTime();
                return;
            }
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (long i = 0; i < events; i++) {
                    Workload.Rec r = workload.next();
                    producer.send(new ProducerRecord<>(topic,
                            r.projectCode().getBytes(StandardCharsets.UTF_8), r.json()));
                    published.incrementAndGet();
                }
                producer.flush();
            }
            publishEnded[0] = System.nanoTime();
        };
        Thread publisher = new Thread(publish, "bench-publisher");
        long started;
        if (drain) {
            consumer("pause");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!consumerPausedEverywhere()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("execution-service did not pause its consumer");
                }
                Thread.sleep(100);
            }
            publisher.start();
            publisher.join();
            if (report) {
                System.out.printf("  backlog of %,d records published in %.1f s%n", events,
                        (publishEnded[0] - publishStarted[0]) / 1e9);
                awaitQuiet("resuming consumption");
                System.out.println("  resuming consumption");
            }
            started = System.nanoTime();
            consumer("resume");
        } else {
            started = System.nanoTime();
            publisher.start();
        }

        long entries = 0;
        List<long[]> samples = new ArrayList<>(); // {nanos, entries}
        long lastPrint = started;
        long lastEntries = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             PreparedStatement count = c.prepareStatement(
                     "SELECT coalesce(sum(entry_count), 0), coalesce(sum(executed_total), 0) FROM project_total "
                             + "WHERE project_code = ANY(?)")) {
            Array codes = c.createArrayOf("text", projects.toArray());
            count.setArray(1, codes);
            BigDecimal sum = BigDecimal.ZERO;
            long deadline = started + Duration.ofMinutes(60).toNanos();
            while (true) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    entries = rs.getLong(1);
                    sum = rs.getBigDecimal(2);
                }
                long now = System.nanoTime();
                sampleRss();
                samples.add(new long[] {now, entries});
                if (!publisher.isAlive() && entries >= workload.entries()) {
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("ledger incomplete after 60 minutes: " + entries);
                }
                if (report && now - lastPrint > 5_000_000_000L) {
                    System.out.printf("  +%5.1f s  published %,10d  ledger entries %,10d  (%,.0f entries/s)  RSS %,d MB%n",
                            (now - started) / 1e9, published.get(), entries,
                            (entries - lastEntries) / ((now - lastPrint) / 1e9), procStatusKb("VmRSS:") / 1024);
                    lastPrint = now;
                    lastEntries = entries;
                }
                Thread.sleep(100);
            }
            long ended = System.nanoTime();
            double seconds = (ended - started) / 1e9;
            double publishRate = events / ((publishEnded[0] - publishStarted[0]) / 1e9);
            boolean sumMatches = sum.compareTo(workload.sum) == 0;

            // how long the ledger relay needs to have published everything on execution.ledger
            double relayLag;
            try (PreparedStatement relay = c.prepareStatement("SELECT (SELECT last_seq FROM publish_cursor "
                    + "WHERE name = 'execution.ledger') >= (SELECT coalesce(max(seq), 0) FROM ledger_entry)")) {
                while (true) {
                    try (ResultSet rs = relay.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            break;
                        }
                    }
                    sampleRss();
                    Thread.sleep(100);
                }
                relayLag = (System.nanoTime() - ended) / 1e9;
            }
            // counted again once the relay is done: an entry stored twice (e.g. by two processes) shows now
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                entries = rs.getLong(1);
                sumMatches = rs.getBigDecimal(2).compareTo(workload.sum) == 0;
            }
            long total = workload.entries();
            long at10 = samples.stream().filter(x -> x[1] >= total / 10).findFirst().map(x -> x[0]).orElse(started);
            long at90 = samples.stream().filter(x -> x[1] >= total * 9 / 10).findFirst().map(x -> x[0]).orElse(ended);
            double sustained = at90 > at10 ? (total * 0.8) / ((at90 - at10) / 1e9) : Double.NaN;
            return new Result(events / seconds, seconds, publishRate, entries, sumMatches, relayLag, sustained);
        }
    }

    /** The service URLs measured: every embedded process, else the local stack's service. */
    private List<String> serviceUrls() {
        return instances.isEmpty() ? List.of(serviceUrl) : instances.stream().map(i -> i.url("")).toList();
    }

    private boolean consumerPausedEverywhere() throws Exception {
        for (String url : serviceUrls()) {
            if (!consumer(url, "").contains("\"paused\":true")) {
                return false;
            }
        }
        return true;
    }

    /** POST /api/admin/payments-consumer/{action} on every process (pause, resume). */
    private void consumer(String action) throws Exception {
        for (String url : serviceUrls()) {
            consumer(url, action);
        }
    }

    /** POST /api/admin/payments-consumer/{action}, or GET the state for an empty action; answers the body. */
    private String consumer(String url, String action) throws Exception {
        HttpRequest.Builder b = bearer(HttpRequest.newBuilder(URI.create(url + "/api/admin/payments-consumer"
                + (action.isEmpty() ? "" : "/" + action))), adminToken);
        HttpResponse<String> r = HttpClient.newHttpClient().send(action.isEmpty() ? b.GET().build()
                : b.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("payments-consumer " + action + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /**
     * The records as JSON arrays of {@code --batch} posted to /api/payments by {@code --clients} threads,
     * each waiting for its answer (202, or 207 with refused items) before its next batch.
     */
    private void post(Workload workload, long events, AtomicLong published) {
        int batch = Integer.parseInt(args.getOrDefault("batch", "500"));
        int clients = Integer.parseInt(args.getOrDefault("clients", "2"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong taken = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Thread client = new Thread(() -> {
                while (true) {
                    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(batch * 400);
                    int n = 0;
                    synchronized (workload) {
                        body.write('[');
                        while (n < batch && taken.get() < events) {
                            if (n > 0) {
                                body.write(',');
                            }
                            body.writeBytes(workload.next().json());
                            taken.incrementAndGet();
                            n++;
                        }
                        body.write(']');
                    }
                    if (n == 0) {
                        return;
                    }
                    try {
                        HttpResponse<String> r = http.send(bearer(HttpRequest.newBuilder(URI.create(serviceUrl
                                + "/api/payments")), treasuryToken).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 202 && r.statusCode() != 207) {
                            throw new IllegalStateException("POST /api/payments: HTTP " + r.statusCode() + " "
                                    + r.body().substring(0, Math.min(400, r.body().length())));
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    published.addAndGet(n);
                }
            }, "bench-http-" + t);
            threads.add(client);
            client.start();
        }
        for (Thread client : threads) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sampleRss() {
        long rss = procStatusKb("VmRSS:");
        rssPeakSampled.accumulateAndGet(rss, Math::max);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
