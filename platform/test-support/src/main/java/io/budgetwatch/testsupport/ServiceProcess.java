package io.budgetwatch.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a child process against
 * the test infrastructure, for tests that cross process boundaries (end-to-end, kill-and-restart).
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Map<String, String> properties;
    private final Path log;
    private final int port;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;

    private ServiceProcess(String name, Path jar, Map<String, String> properties, Path log, int port) {
        this.name = name;
        this.jar = jar;
        this.properties = properties;
        this.log = log;
        this.port = port;
    }

    /**
     * Prepares {@code <repoRoot>/<module>/target/quarkus-app/quarkus-run.jar} on a free port, pointed
     * at the JVM's broker and at a fresh database of the given name, trusting the JVM's test tokens.
     */
    public static ServiceProcess of(Path repoRoot, String module, String database, Map<String, String> extra) {
        return of(repoRoot, module, database, null, extra);
    }

    /**
     * As {@link #of(Path, String, String, Map)}, for one of several replicas of a service on the same database:
     * {@code instance} names its log ({@code target/<module>-<instance>-process.log}).
     */
    public static ServiceProcess of(Path repoRoot, String module, String database, String instance,
                                    Map<String, String> extra) {
        SuiteInfrastructure infra = SuiteInfrastructure.get();
        SuiteInfrastructure.Database db = infra.database(database);
        Path jar = repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first");
        }
        int port = freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("quarkus.datasource.username", db.user());
        props.put("quarkus.datasource.password", db.password());
        props.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        props.put("quarkus.datasource.reactive.url", db.reactiveUrl());
        props.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
        props.put("budgetwatch.kafka.bootstrap-servers", infra.kafkaBootstrap());
        props.putAll(TestTokens.serviceConfig());
        props.putAll(extra);
        String name = instance == null ? module : module + "-" + instance;
        Path log = repoRoot.resolve(module).resolve("target/" + name + "-process.log");
        return new ServiceProcess(name, jar, props, log, port);
    }

    /** A configuration property of the service, set or replaced before it starts. */
    public ServiceProcess property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** JVM options added after the defaults (so {@code -Xmx512m} here wins over the default heap). */
    public ServiceProcess jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public ServiceProcess start() {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-Dfile.encoding=UTF-8"));
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
        return this;
    }

    /** Waits until /q/health/ready answers 200, or fails with the end of the service's log. */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail());
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
