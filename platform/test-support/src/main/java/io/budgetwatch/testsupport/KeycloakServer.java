package io.budgetwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The local stack's Keycloak for integration and system tests: the same server distribution
 * ({@code org.keycloak:keycloak-quarkus-dist} of the root pom's {@code keycloak.version}), the same build (PostgreSQL,
 * health endpoints), the realm imported from the same file ({@code deploy/keycloak/budgetwatch-realm.json}) with a
 * password and a treasury secret made for this server. It runs as a child process on free ports, with its own
 * database on the test PostgreSQL server ({@link SuiteInfrastructure}).
 *
 * <p>The distribution is unpacked and built ({@code kc.sh build}, about 30 s) once per machine into
 * {@code ${java.io.tmpdir}/budgetwatch-keycloak} ({@code BUDGETWATCH_KEYCLOAK_CACHE} / {@code budgetwatch.keycloak.cache}),
 * like the embedded PostgreSQL's binaries; each server runs from a hard-linked copy of it with data of its own, so
 * several test JVMs may run servers at once. A start with a fresh database (schema, realm import) takes 20–60 s:
 * start one per test class.
 *
 * <p>Where things come from: {@code budgetwatch.keycloak.dist} (the zip; the build passes it, else the local Maven
 * repository), {@code budgetwatch.keycloak.realm-file} (else found above the working directory). The server's log is
 * {@code target/keycloak-<port>.log} of the module under test.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "budgetwatch";
    /** Public client with the password grant (scripts, curl, tests). */
    public static final String CLI_CLIENT = "budgetwatch-cli";
    /** Confidential client of the treasury system: client credentials, realm role {@code treasury}. */
    public static final String TREASURY_CLIENT = "treasury";
    /** The audience every access token of the realm carries, which the services check. */
    public static final String AUDIENCE = "budgetwatch";
    /** Master-realm administrator; same password as the realm's users. */
    public static final String ADMIN_USER = "kcadmin";

    /** What {@code deploy/local/up} builds too (its KEYCLOAK_BUILD_OPTS). */
    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true");
    static final String REALM_FILE = "deploy/keycloak/budgetwatch-realm.json";

    private static final Logger LOG = Logger.getLogger(KeycloakServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<KeycloakServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> List.copyOf(RUNNING).forEach(KeycloakServer::close), "keycloak-server-stop"));
    }

    private final Process process;
    private final Path runHome;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final String demoPassword;
    private final String treasurySecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, Path runHome, Path log, int port, int managementPort, String demoPassword,
                           String treasurySecret) {
        this.process = process;
        this.runHome = runHome;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.demoPassword = demoPassword;
        this.treasurySecret = treasurySecret;
    }

    /** Starts a server with the realm {@value #REALM} and waits until it is ready (at most 5 minutes). */
    public static KeycloakServer start() {
        return start(Duration.ofMinutes(5));
    }

    public static KeycloakServer start(Duration timeout) {
        return start(timeout, "http://localhost:8080");
    }

    /**
     * As {@link #start()}, the dashboard client letting users back to {@code dashboardUrl} (its redirect and
     * post-logout URIs, {@code BUDGETWATCH_DASHBOARD_URL} of the realm file): where the test's reporting-service runs.
     */
    public static KeycloakServer start(Duration timeout, String dashboardUrl) {
        long started = System.nanoTime();
        String version = ContainersBackend.versions().getProperty("keycloak.version");
        Path runHome = null;
        KeycloakServer server = null;
        try {
            Path home = builtHome(distributionZip(version), version);
            runHome = linkedCopy(home);
            Path imports = Files.createDirectories(runHome.resolve("data/import"));
            Files.copy(realmFile(), imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);

            SuiteInfrastructure.Database db = SuiteInfrastructure.get().database("keycloak_" + SEQUENCE.incrementAndGet());
            int port = freePort();
            int managementPort = freePort();
            String demoPassword = randomSecret();
            String treasurySecret = randomSecret();
            Path log = logDir().resolve("keycloak-" + port + ".log");

            List<String> command = new ArrayList<>(List.of(runHome.resolve("bin/kc.sh").toString(), "start",
                    "--optimized", "--import-realm", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                    "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--hostname=http://localhost:" + port, "--db-url=" + db.jdbcUrl()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("JAVA_OPTS") || k.equals("JAVA"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // C1 only: starts in about half the CPU time on two cores (the local stack does the same)
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            env.put("KC_DB_USERNAME", db.user());
            env.put("KC_DB_PASSWORD", db.password());
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", demoPassword);
            // the placeholders of the realm file
            env.put("BUDGETWATCH_DEMO_PASSWORD", demoPassword);
            env.put("BUDGETWATCH_TREASURY_SECRET", treasurySecret);
            env.put("BUDGETWATCH_DASHBOARD_URL", dashboardUrl);
            server = new KeycloakServer(pb.start(), runHome, log, port, managementPort, demoPassword, treasurySecret);
            RUNNING.add(server);
            server.awaitReady(timeout);
            LOG.info(String.format("Keycloak %s ready in %d ms on %s (log %s)", version,
                    (System.nanoTime() - started) / 1_000_000, server.baseUrl(), log));
            return server;
        } catch (IOException e) {
            if (server != null) {
                server.close();
            } else {
                deleteQuietly(runHome);
            }
            throw new IllegalStateException("Cannot start Keycloak: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            } else {
                deleteQuietly(runHome);
            }
            throw e;
        }
    }

    /** http://localhost:port */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The issuer ({@code iss}) of the realm's tokens. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public int port() {
        return port;
    }

    /** The password of every demo user of the realm and of {@value #ADMIN_USER}, made for this server. */
    public String demoPassword() {
        return demoPassword;
    }

    /** The secret of the {@value #TREASURY_CLIENT} client, made for this server. */
    public String treasurySecret() {
        return treasurySecret;
    }

    public Path log() {
        return log;
    }

    /** The token response (access, ID and refresh token) of a password grant through {@value #CLI_CLIENT}. */
    public JsonNode userTokens(String username) {
        return token(Map.of("grant_type", "password", "client_id", CLI_CLIENT, "username", username,
                "password", demoPassword, "scope", "openid"), null);
    }

    public String userAccessToken(String username) {
        return userTokens(username).path("access_token").asText();
    }

    /** A client-credentials access token of the {@value #TREASURY_CLIENT} client. */
    public String treasuryAccessToken() {
        return token(Map.of("grant_type", "client_credentials"), TREASURY_CLIENT + ":" + treasurySecret)
                .path("access_token").asText();
    }

    /** The payload of a JWT, decoded (not verified). */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a JWT: " + parts.length + " parts");
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("JWT payload is not JSON", e);
        }
    }

    /** POSTs a form to the token endpoint; fails unless it answers 200. */
    public JsonNode token(Map<String, String> form, String basicCredentials) {
        HttpResponse<String> response = postToken(form, basicCredentials);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Token response is not JSON: " + response.body(), e);
        }
    }

    /** POSTs a form to the token endpoint and returns the answer, whatever its status. */
    public HttpResponse<String> postToken(Map<String, String> form, String basicCredentials) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basicCredentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Token endpoint " + tokenEndpoint() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The end of the server's log. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its copy of the distribution. */
    @Override
    public void close() {
        if (!RUNNING.remove(this)) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        // kc.sh passes SIGTERM on to its JVM and waits for it
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warning("Keycloak on port " + port + " did not stop within 30 s: killing it");
            }
            for (ProcessHandle p : tree) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                    p.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning("Stopping Keycloak on port " + port + ": " + e);
        }
        deleteQuietly(runHome);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String url : List.of("http://localhost:" + managementPort + "/health/ready",
                issuer() + "/.well-known/openid-configuration")) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting:\n"
                            + logTail());
                }
                if (status(url) == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Keycloak not ready within " + timeout + " (" + url + "):\n"
                            + logTail());
                }
                try {
                    process.waitFor(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the distribution, unpacked and built once per machine -------------------------------------------------------

    static Path distributionZip(String version) {
        String explicit = SuiteInfrastructure.setting("BUDGETWATCH_KEYCLOAK_DIST", "budgetwatch.keycloak.dist", null);
        if (explicit != null && !explicit.startsWith("${")) {
            Path zip = Path.of(explicit);
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("budgetwatch.keycloak.dist names no file: " + zip);
            }
            return zip;
        }
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path zip = Path.of(repository, "org", "keycloak", "keycloak-quarkus-dist", version,
                "keycloak-quarkus-dist-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak " + version + " is not in the local Maven repository (" + zip
                    + "): ./mvnw dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:" + version + ":zip");
        }
        return zip;
    }

    /** The unpacked and built distribution, shared by every test JVM of the machine (a file lock guards the build). */
    private static synchronized Path builtHome(Path zip, String version) throws IOException {
        Path cache = Path.of(SuiteInfrastructure.setting("BUDGETWATCH_KEYCLOAK_CACHE", "budgetwatch.keycloak.cache",
                Path.of(System.getProperty("java.io.tmpdir"), "budgetwatch-keycloak").toString()));
        Files.createDirectories(cache);
        String options = String.join(" ", BUILD_OPTIONS);
        String key = HexFormat.of().formatHex(sha256(options + "|" + Files.size(zip))).substring(0, 10);
        Path home = cache.resolve("keycloak-" + version + "-" + key);
        Path marker = home.resolve(".budgetwatch-build");
        try (FileChannel channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(options)) {
                return home;
            }
            long started = System.nanoTime();
            LOG.info("Unpacking and building Keycloak " + version + " into " + home + " (once per machine)");
            deleteRecursively(home);
            unzip(zip, home, "keycloak-" + version + "/");
            List<String> command = new ArrayList<>();
            command.add(home.resolve("bin/kc.sh").toString());
            command.add("build");
            command.addAll(BUILD_OPTIONS);
            Path buildLog = cache.resolve("keycloak-" + version + "-" + key + "-build.log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(buildLog.toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("JAVA_OPTS") || k.equals("JAVA"));
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process build = pb.start();
            try {
                if (!build.waitFor(5, TimeUnit.MINUTES)) {
                    build.destroyForcibly();
                    throw new IllegalStateException("kc.sh build did not finish within 5 minutes (" + buildLog + ")");
                }
            } catch (InterruptedException e) {
                build.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed with " + build.exitValue() + ":\n"
                        + Files.readString(buildLog, StandardCharsets.UTF_8));
            }
            Files.writeString(marker, options);
            LOG.info(String.format("Keycloak %s built in %d ms", version, (System.nanoTime() - started) / 1_000_000));
            return home;
        }
    }

    /** Unpacks the entries below {@code prefix}; the scripts of bin/ become executable. */
    static void unzip(Path zip, Path target, String prefix) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(prefix) || entry.getName().length() == prefix.length()) {
                    continue;
                }
                Path out = root.resolve(entry.getName().substring(prefix.length())).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("Entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (out.getParent().getFileName().toString().equals("bin") && out.toString().endsWith(".sh")) {
                    if (!out.toFile().setExecutable(true)) {
                        throw new IOException("Cannot make " + out + " executable");
                    }
                }
            }
        }
    }

    /** A copy of the built distribution without its data folder: hard links where the file system allows. */
    private static Path linkedCopy(Path home) throws IOException {
        Path run = Files.createTempDirectory(home.getParent(), "run-");
        boolean link = true;
        try (Stream<Path> files = Files.walk(home)) {
            for (Path source : files.toList()) {
                Path relative = home.relativize(source);
                if (relative.toString().isEmpty() || relative.startsWith("data")) {
                    continue;
                }
                Path target = run.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    continue;
                }
                if (link) {
                    try {
                        Files.createLink(target, source);
                        continue;
                    } catch (UnsupportedOperationException | FileSystemException e) {
                        link = false;
                    }
                }
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return run;
    }

    static Path realmFile() {
        String explicit = SuiteInfrastructure.setting("BUDGETWATCH_KEYCLOAK_REALM_FILE", "budgetwatch.keycloak.realm-file",
                null);
        if (explicit != null && !explicit.startsWith("${")) {
            return Path.of(explicit);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(REALM_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(REALM_FILE + " not found above " + Path.of("").toAbsolutePath()
                + " (set budgetwatch.keycloak.realm-file)");
    }

    private static Path logDir() throws IOException {
        String explicit = System.getProperty("budgetwatch.keycloak.log-dir");
        Path dir = explicit != null ? Path.of(explicit) : Files.isDirectory(Path.of("target")) ? Path.of("target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createDirectories(dir);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warning("Cannot delete " + dir + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl() + "]";
    }
}
