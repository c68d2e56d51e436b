package io.budgetwatch.execution.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.common.kafka.ConsumerLags;
import io.budgetwatch.common.kafka.ConsumerThreads;
import io.budgetwatch.common.kafka.KafkaSettings;
import io.budgetwatch.common.kafka.PlainConsumers;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads goals.projects (compacted) on its own thread: every partition assigned (every replica needs
 * every project), positions stored in the database with the projects. Also answers "catch up"
 * requests: they complete once the position reaches the end offsets seen when they were handled.
 */
@ApplicationScoped
public class ProjectSnapshotConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectSnapshotConsumer.class);
    private static final String CLIENT_ID = "execution-service-projects";

    @Inject
    KafkaSettings kafkaSettings;

    @Inject
    CatalogSettings settings;

    @Inject
    ProjectCatalog catalog;

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsumerLags lags;

    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
    private final List<PendingSync> pending = new ArrayList<>();
    private final CompletableFuture<Void> initialSync = new CompletableFuture<>();
    private ConsumerThreads<byte[], byte[]> threads;
    /** The consumer of the thread (helpers below run on it). */
    private Consumer<byte[], byte[]> consumer;

    private record PendingSync(Map<TopicPartition, Long> target, CompletableFuture<Void> done) {
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            initialSync.complete(null);
            return;
        }
        // no group (every replica reads the whole topic): the lag is reported under the client id
        threads = new ConsumerThreads<>("project-catalog", lags, CLIENT_ID);
        threads.start(1, n -> PlainConsumers.properties(kafkaSettings.bootstrapServers(), null, CLIENT_ID,
                ByteArrayDeserializer.class, ByteArrayDeserializer.class), n -> this::consume);
    }

    void stop(@Observes ShutdownEvent event) {
        if (threads != null) {
            threads.stop(Duration.ofSeconds(5));
        }
    }

    /** Completes when the catalog has read the topic up to its end as of the first attempt at start-up. */
    public CompletionStage<Void> initialSync() {
        return initialSync;
    }

    /** Asks the consumer thread to read up to the topic's current end; see {@link ProjectCatalog#catchUp()}. */
    public CompletionStage<Void> requestSync() {
        if (!settings.enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.add(done);
        return done.orTimeout(settings.syncTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void consume(Consumer<byte[], byte[]> c, ConsumerLags.Tracker lag) {
        consumer = c;
        try {
            catalog.loadFromDatabase().await().atMost(Duration.ofSeconds(60));
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> stored = catalog.storedOffsets(partitions).await()
                    .atMost(Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                Long next = stored.get(tp);
                if (next == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, next);
                }
            }
            if (!initialSync.isDone()) {
                CompletableFuture<Void> first = new CompletableFuture<>();
                first.whenComplete((ok, failure) -> initialSync.complete(null));
                requests.add(first);
            }
            follow(partitions, lag);
        } finally {
            if (!threads.running()) {
                failAll(new IllegalStateException("Project catalog stopped"));
            }
        }
    }

    private void follow(List<TopicPartition> partitions, ConsumerLags.Tracker lag) {
        while (threads.running()) {
            takeRequests(partitions);
            ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
            lag.update(consumer);
            if (!records.isEmpty()) {
                List<ProjectSnapshot> snapshots = new ArrayList<>(records.count());
                Map<TopicPartition, Long> next = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    ProjectSnapshot snapshot = parse(record);
                    if (snapshot != null) {
                        snapshots.add(snapshot);
                    }
                }
                catalog.apply(snapshots, next).await().atMost(Duration.ofSeconds(60));
            }
            completeReached();
        }
    }

    private ProjectSnapshot parse(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null; // a tombstone: projects are never removed from the ledger's point of view
        }
        try {
            ProjectSnapshot snapshot = mapper.readValue(record.value(), ProjectSnapshot.class);
            if (snapshot.projectCode() == null || snapshot.projectCode().isBlank()) {
                LOG.warnf("Ignoring a project snapshot without project code at %s-%d@%d",
                        record.topic(), record.partition(), record.offset());
                return null;
            }
            return snapshot;
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable project snapshot at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    /** Partitions of goals.projects; waits (answering sync requests) while the topic does not exist. */
    private List<TopicPartition> awaitPartitions() {
        while (threads.running()) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.PROJECTS, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            // No topic yet means no project yet: nobody has to wait for it.
            CompletableFuture<Void> request;
            while ((request = requests.poll()) != null) {
                request.complete(null);
            }
            ConsumerThreads.sleep(Duration.ofMillis(500));
        }
        return null;
    }

    private void takeRequests(List<TopicPartition> partitions) {
        if (requests.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        CompletableFuture<Void> request;
        while ((request = requests.poll()) != null) {
            taken.add(request);
        }
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            for (CompletableFuture<Void> r : taken) {
                pending.add(new PendingSync(end, r));
            }
        } catch (RuntimeException e) {
            taken.forEach(r -> r.completeExceptionally(e));
        }
    }

    private void completeReached() {
        for (Iterator<PendingSync> it = pending.iterator(); it.hasNext(); ) {
            PendingSync sync = it.next();
            if (sync.done().isDone()) {
                it.remove();
                continue;
            }
            boolean reached = true;
            for (Map.Entry<TopicPartition, Long> e : sync.target().entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    reached = false;
                    break;
                }
            }
            if (reached) {
                sync.done().complete(null);
                it.remove();
            }
        }
    }

    private void failAll(Exception e) {
        pending.forEach(p -> p.done().completeExceptionally(e));
        pending.clear();
        CompletableFuture<Void> request;
        while ((request = requests.poll()) != null) {
            request.completeExceptionally(e);
        }
    }
}
