package io.budgetwatch.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A real PostgreSQL server (zonky binaries from Maven Central) whose cluster lives in {@code <data>/postgres} and is
 * kept across restarts. Ensures the suite's role and databases (and Keycloak's own role and database when asked) and
 * password (scram) authentication over TCP for every role but the local superuser.
 */
final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final String MAX_CONNECTIONS = "200";

    /** Written at every start; trust only for the superuser the stack itself uses, passwords for everybody else. */
    static final String PG_HBA = """
            # Written by the BudgetWatch local stack at every start (deploy/local/stack).
            # The superuser "postgres" is trusted on loopback (the stack provisions with it);
            # every other role, the services' included, logs in with its password.
            local   all   all                       trust
            host    all   postgres   127.0.0.1/32   trust
            host    all   postgres   ::1/128        trust
            host    all   all        127.0.0.1/32   scram-sha-256
            host    all   all        ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres server;
    private final StackSettings settings;

    private LocalPostgres(EmbeddedPostgres server, StackSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    static LocalPostgres start(StackSettings settings) throws Exception {
        Path dataDir = settings.dataDir().resolve("postgres");
        Path binDir = settings.dataDir().resolve("pg-bin");
        Files.createDirectories(binDir);
        stopOrphan(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        // zonky unpacks the binaries and looks for stale clusters in its working directory: keep both in our folder
        // rather than the shared /tmp/embedded-pg.
        System.setProperty("ot.epg.working-dir", binDir.toString());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(settings.pgPort())
                .setLocaleConfig("encoding", "UTF8")
                .setLocaleConfig("locale", "C")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("log_min_messages", "warning")
                .setServerConfig("max_connections", MAX_CONNECTIONS)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        LocalPostgres pg = new LocalPostgres(server, settings);
        try {
            LOG.info("PostgreSQL {} on localhost:{} ({})", pg.version(), settings.pgPort(),
                    fresh ? "new cluster in " + dataDir : "data kept in " + dataDir);
            pg.provision();
        } catch (Exception e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    /** Roles, databases, authentication; every step is a no-op when already done. */
    private void provision() throws SQLException, IOException, InterruptedException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            ensureRole(c, s, settings.dbUser(), settings.dbPassword());
            for (String db : settings.databases()) {
                ensureDatabase(c, s, db, settings.dbUser());
            }
            if (settings.keycloakDatabase()) {
                ensureRole(c, s, StackSettings.KEYCLOAK, settings.keycloakDbPassword());
                ensureDatabase(c, s, StackSettings.KEYCLOAK, StackSettings.KEYCLOAK);
                // Only its owner connects: the services' role has no business with users and credentials.
                s.execute("REVOKE ALL ON DATABASE \"" + StackSettings.KEYCLOAK + "\" FROM PUBLIC");
            }
        }
        requirePasswords();
        for (String db : settings.databases()) {
            try (Connection c = connect(db, settings.dbUser(), settings.dbPassword())) {
                c.createStatement().execute("SELECT 1");
            }
        }
        if (settings.keycloakDatabase()) {
            try (Connection c = connect(StackSettings.KEYCLOAK, StackSettings.KEYCLOAK, settings.keycloakDbPassword())) {
                c.createStatement().execute("SELECT 1");
            }
        }
    }

    /** Creates the login role, or sets its password (kept in step with the environment at every start). */
    private static void ensureRole(Connection c, Statement s, String role, String password) throws SQLException {
        boolean roleExists;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                roleExists = rs.next();
            }
        }
        String literal = "'" + password.replace("'", "''") + "'";
        if (roleExists) {
            s.execute("ALTER ROLE \"" + role + "\" WITH LOGIN PASSWORD " + literal);
        } else {
            s.execute("CREATE ROLE \"" + role + "\" WITH LOGIN PASSWORD " + literal);
            LOG.info("Created role {}", role);
        }
    }

    /** Creates the database (UTF8, its public schema owned by the owner) when it does not exist. */
    private void ensureDatabase(Connection c, Statement s, String db, String owner) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        if (!exists) {
            s.execute("CREATE DATABASE \"" + db + "\" OWNER \"" + owner + "\" ENCODING 'UTF8' TEMPLATE template0");
            try (Connection dbc = superuser(db); Statement ds = dbc.createStatement()) {
                ds.execute("ALTER SCHEMA public OWNER TO \"" + owner + "\"");
            }
            LOG.info("Created database {} (owner {}, UTF8)", db, owner);
        }
    }

    /**
     * Writes pg_hba.conf when it differs and reloads. Waits until a new session shows the reload: the postmaster
     * forks sessions only after it has handled SIGHUP, hba rules included.
     */
    private void requirePasswords() throws IOException, SQLException, InterruptedException {
        Path hba = settings.dataDir().resolve("postgres").resolve("pg_hba.conf");
        String current = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
        if (current.equals(PG_HBA)) {
            return;
        }
        Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
        Timestamp before;
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            // The file then agrees with the command line and the reload does not complain about it.
            s.execute("ALTER SYSTEM SET max_connections = '" + MAX_CONNECTIONS + "'");
            before = loadTime(s);
            s.execute("SELECT pg_reload_conf()");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
                if (loadTime(s).after(before)) {
                    LOG.info("Password (scram-sha-256) authentication required over TCP for {}", settings.dbUser());
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not reload " + hba);
            }
            Thread.sleep(50);
        }
    }

    private static Timestamp loadTime(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_conf_load_time()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private String version() throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection superuser(String db) throws SQLException {
        return connect(db, SUPERUSER, "");
    }

    Connection connect(String db, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + settings.pgPort() + "/" + db, props);
    }

    /**
     * A postmaster still running on our cluster (its JVM was killed) would make the start fail: ask it to stop
     * (fast shutdown) and wait for it. Only a process whose command line names this data directory is touched.
     */
    static void stopOrphan(Path dataDir) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        String cmd = process.get().info().commandLine().orElse("");
        if (!cmd.contains("postgres") || !cmd.contains(dataDir.toString())) {
            return;
        }
        LOG.warn("PostgreSQL left running by an earlier stack (pid {}): stopping it", pid);
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (process.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (process.get().isAlive()) {
            throw new IllegalStateException("PostgreSQL pid " + pid + " on " + dataDir + " does not stop");
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Stopping PostgreSQL failed: {}", e.toString());
        }
    }
}
