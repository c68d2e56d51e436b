package io.budgetwatch.localstack;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The infrastructure of the local stack in one JVM: PostgreSQL (role, databases) and Kafka (suite topics), data kept
 * under {@code BUDGETWATCH_STACK_DATA}. Prints {@code READY postgres=… kafka=…} once both serve, stops both on
 * SIGTERM/SIGINT. {@code deploy/local/up} runs it; see deploy/local/README.md.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final StackSettings settings;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile LocalPostgres postgres;
    private volatile LocalKafka kafka;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        StackSettings settings;
        try {
            settings = StackSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            LOG.error("The local stack did not start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        System.out.println(stack.readyLine());
        System.out.flush();
        stack.kafka.awaitShutdown();
        if (!stack.stopping.get()) {
            LOG.error("Kafka stopped on its own; stopping the stack");
            System.exit(1);
        }
    }

    /** Starts PostgreSQL, then Kafka; provisions both. */
    public void start() throws Exception {
        long t0 = System.nanoTime();
        LOG.info("Starting the local stack, data in {}", settings.dataDir());
        postgres = LocalPostgres.start(settings);
        kafka = LocalKafka.start(settings);
        LOG.info("Infrastructure up in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    public String readyLine() {
        return "READY postgres=localhost:" + settings.pgPort() + " kafka=" + kafka.bootstrap()
                + " databases=" + String.join(",", settings.databases())
                + (settings.keycloakDatabase() ? "," + StackSettings.KEYCLOAK : "") + " data=" + settings.dataDir();
    }

    /** Stops Kafka, then PostgreSQL; safe to call more than once. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        // Inside a shutdown hook an exit request from the broker would deadlock the JVM: log it instead.
        Exit.setExitProcedure((code, message) -> LOG.warn("Kafka asked to exit({}) while stopping: {}", code, message));
        long t0 = System.nanoTime();
        LocalKafka k = kafka;
        if (k != null) {
            LOG.info("Stopping Kafka");
            try {
                k.close();
            } catch (RuntimeException e) {
                LOG.warn("Stopping Kafka failed: {}", e.toString());
            }
        }
        LocalPostgres pg = postgres;
        if (pg != null) {
            LOG.info("Stopping PostgreSQL");
            pg.close();
        }
        System.out.println("STOPPED in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        System.out.flush();
    }
}
