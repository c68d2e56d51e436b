package io.budgetwatch.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One real Kafka broker and one real PostgreSQL server per test JVM, started on first use and
 * stopped when the JVM exits.
 *
 * <p>Backends, chosen by {@code BUDGETWATCH_TEST_BACKEND} (environment) or
 * {@code budgetwatch.test.backend} (system property):
 * <ul>
 *   <li>{@code embedded} (default): KRaft broker in-process (Kafka test kit) and PostgreSQL from
 *   Maven Central binaries (zonky), on random free ports. Needs nothing but a JDK.</li>
 *   <li>{@code testcontainers}: Docker containers, where a Docker engine exists.</li>
 * </ul>
 * Independently, {@code BUDGETWATCH_TEST_KAFKA_BOOTSTRAP} names an external broker and
 * {@code BUDGETWATCH_TEST_PG_URL} ({@code postgresql://user:password@host:port}) an external server;
 * then nothing is started for that part.
 */
public final class SuiteInfrastructure {

    private static final Logger LOG = Logger.getLogger(SuiteInfrastructure.class.getName());
    private static SuiteInfrastructure instance;

    private final String kafkaBootstrap;
    private final PgServer pg;
    private final Map<String, Database> databases = new ConcurrentHashMap<>();
    private final boolean externalPg;
    private final Runnable stop;

    /** Connection facts of one database. */
    public record Database(String name, String host, int port, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private record PgServer(String host, int port, String user, String password) {
        String jdbcUrl(String db) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
    }

    private SuiteInfrastructure(String kafkaBootstrap, PgServer pg, boolean externalPg, Runnable stop) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.pg = pg;
        this.externalPg = externalPg;
        this.stop = stop;
    }

    public static synchronized SuiteInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(SuiteInfrastructure::stopAll, "suite-infrastructure-stop"));
        }
        return instance;
    }

    /**
     * Stops what was started, once. Called by {@link StopAfterTests} when the test run ends (so the
     * JVM exits cleanly), and by a shutdown hook otherwise.
     */
    public static synchronized void stopAll() {
        if (instance != null) {
            SuiteInfrastructure running = instance;
            instance = null;
            running.stop.run();
        }
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /**
     * A database of this name, created on first request and empty then. On an external server the
     * name gets a unique suffix so runs never share data.
     */
    public Database database(String name) {
        return databases.computeIfAbsent(name, this::createDatabase);
    }

    private Database createDatabase(String name) {
        String actual = externalPg
                ? (name + "_" + Long.toString(System.nanoTime(), 36)).toLowerCase(Locale.ROOT)
                : name;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + actual + "\" ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + actual, e);
        }
        return new Database(actual, pg.host(), pg.port(), pg.user(), pg.password());
    }

    private static SuiteInfrastructure start() {
        String backend = setting("BUDGETWATCH_TEST_BACKEND", "budgetwatch.test.backend", "embedded");
        if ("testcontainers".equalsIgnoreCase(backend)) {
            return ContainersBackend.start();
        }
        long started = System.nanoTime();
        Runnable stopKafka = () -> { };
        String bootstrap = setting("BUDGETWATCH_TEST_KAFKA_BOOTSTRAP", "budgetwatch.test.kafka.bootstrap", null);
        if (bootstrap == null) {
            KafkaClusterTestKit kafka = startKafka();
            bootstrap = kafka.bootstrapServers();
            stopKafka = () -> closeQuietly(kafka);
        }
        Runnable stopPg = () -> { };
        PgServer pg;
        String pgUrl = setting("BUDGETWATCH_TEST_PG_URL", "budgetwatch.test.pg.url", null);
        if (pgUrl == null) {
            EmbeddedPostgres postgres = startPostgres();
            pg = new PgServer("localhost", postgres.getPort(), "postgres", "postgres");
            stopPg = () -> closeQuietly(postgres);
        } else {
            pg = parsePgUrl(pgUrl);
        }
        LOG.info(String.format("Test infrastructure up in %d ms: kafka=%s postgres=%s:%d",
                (System.nanoTime() - started) / 1_000_000, bootstrap, pg.host(), pg.port()));
        Runnable stopKafkaFinal = stopKafka;
        Runnable stopPgFinal = stopPg;
        return new SuiteInfrastructure(bootstrap, pg, pgUrl != null, () -> {
            stopKafkaFinal.run();
            stopPgFinal.run();
        });
    }

    static SuiteInfrastructure of(String bootstrap, String host, int port, String user, String password,
                                  Runnable stop) {
        return new SuiteInfrastructure(bootstrap, new PgServer(host, port, user, password), false, stop);
    }

    private static KafkaClusterTestKit startKafka() {
        quietKafkaLoggers();
        // An embedded broker must never end the test JVM on its own; report instead.
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                LOG.warning("Embedded Kafka asked to exit(" + code + "): " + message));
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                LOG.warning("Embedded Kafka asked to halt(" + code + "): " + message));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("unstable.api.versions.enable", "false")
                    .setConfigProp("unstable.feature.versions.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded Kafka broker", e);
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    // Test data need not survive a crash of the machine; the server process is never killed by tests.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL server", e);
        }
    }

    private static PgServer parsePgUrl(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        return new PgServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
    }

    static String setting(String env, String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void quietKafkaLoggers() {
        for (String name : new String[] {"kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper"}) {
            Logger.getLogger(name).setLevel(Level.WARNING);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Ignored failure while stopping test infrastructure", e);
        }
    }
}
