package io.budgetwatch.localstack;

import io.budgetwatch.events.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker, KRaft mode, one combined broker+controller node. Its log directory
 * {@code <data>/kafka} is formatted once and reused, so topics and records survive a restart.
 */
final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrap;

    private LocalKafka(KafkaRaftServer server, String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    static LocalKafka start(StackSettings settings) throws Exception {
        Path logDir = settings.dataDir().resolve("kafka");
        Files.createDirectories(logDir);
        int controllerPort = settings.controllerPort() > 0 ? settings.controllerPort() : freePort();
        Properties props = brokerProperties(settings, logDir, controllerPort);
        boolean fresh = !Files.exists(logDir.resolve("meta.properties"));
        if (fresh) {
            format(settings.dataDir().resolve("kafka-server.properties"), props);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = "localhost:" + settings.kafkaPort();
        LocalKafka kafka = new LocalKafka(server, bootstrap);
        try {
            server.startup();
            kafka.createTopics(settings.partitions());
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        LOG.info("Kafka {} on {} (controller port {}, {})", kafkaVersion(), bootstrap, controllerPort,
                fresh ? "log dir formatted: " + logDir : "data kept in " + logDir);
        return kafka;
    }

    static Properties brokerProperties(StackSettings settings, Path logDir, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // Static quorum: the voter set is configuration, not data, so the controller port may change between runs.
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + settings.kafkaPort() + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + settings.kafkaPort());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", Integer.toString(settings.partitions()));
        p.put("auto.create.topics.enable", "true");
        // One node: every internal topic with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A laptop stack: bounded disk, small threads.
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    /** kafka-storage format, once: a new cluster id, the latest production metadata version. */
    private static void format(Path propsFile, Properties props) throws IOException {
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "BudgetWatch local stack broker (written at format time; the stack passes these in memory)");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int rc;
        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString()}, ps);
        }
        String output = buffer.toString(StandardCharsets.UTF_8).trim();
        if (rc != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed (" + rc + "): " + output);
        }
        LOG.info("Formatted Kafka storage, cluster id {}", clusterId);
    }

    /** Creates the suite's topics that do not exist yet; existing ones are left as they are. */
    private void createTopics(int partitions) throws Exception {
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>();
            for (Topics.Spec spec : Topics.ALL) {
                if (existing.contains(spec.name())) {
                    continue;
                }
                NewTopic topic = new NewTopic(spec.name(), partitions, (short) 1).configs(spec.configs());
                try {
                    admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                    created.add(spec.name() + (spec.configs().isEmpty() ? "" : " " + spec.configs()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (created.isEmpty()) {
                LOG.info("All {} suite topics exist", Topics.ALL.size());
            } else {
                LOG.info("Created topics with {} partitions: {}", partitions, String.join(", ", created));
            }
            awaitLeaders(admin);
        }
    }

    /**
     * Until every partition of every suite topic has a leader: a created topic reaches the broker's metadata a
     * moment later (sooner or later under load), and the stack is ready only when clients can use each topic.
     */
    private static void awaitLeaders(Admin admin) throws Exception {
        List<String> names = Topics.ALL.stream().map(Topics.Spec::name).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                boolean led = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The suite's topics have no leaders after 60 s");
            }
            Thread.sleep(100); // the broker's own start-up, before any client: no clock to inject here
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Blocks until the broker has shut down (on {@link #close()} or a fatal error). */
    void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static String kafkaVersion() {
        return org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
