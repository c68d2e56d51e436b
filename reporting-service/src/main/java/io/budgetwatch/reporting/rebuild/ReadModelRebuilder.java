package io.budgetwatch.reporting.rebuild;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.kafka.KafkaSettings;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.indicator.IndicatorReportConsumer;
import io.budgetwatch.reporting.live.LiveNotices;
import io.budgetwatch.reporting.project.ProjectSnapshotConsumer;
import io.budgetwatch.reporting.totals.ProjectTotalsStore;
import io.budgetwatch.reporting.totals.ProjectTotalsTopicConsumer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Rebuilds the read model from the topics alone: empties the project, executed-amount and indicator tables and
 * replays goals.projects, execution.project-totals and execution.indicator-reports from their beginning up to
 * the offsets at the start, through the same code the live consumers use. The live project-totals consumers of
 * every replica wait meanwhile (their entries would put their projects' ledger positions ahead of the replay:
 * {@link ProjectTotalsStore#REBUILD_LOCK}); the others keep running, and their overlap with the replay is harmless (snapshot version, event id).
 * Alerts and their history are kept.
 */
@ApplicationScoped
public class ReadModelRebuilder {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuilder.class);

    @Inject
    Pool pool;

    @Inject
    KafkaSettings kafka;

    @Inject
    ProjectSnapshotConsumer projects;

    @Inject
    ProjectTotalsStore totals;

    @Inject
    ProjectTotalsTopicConsumer liveTotals;

    @Inject
    IndicatorReportConsumer indicators;

    @Inject
    io.budgetwatch.reporting.evaluation.ProjectFactsRepository facts;

    @Inject
    AuditTrail audit;

    private final AtomicBoolean running = new AtomicBoolean();

    public record Result(long projectEvents, long ledgerEvents, long indicatorEvents, long millis) {
    }

    /** As the system (tests, tools). Blocking: call from a worker thread. */
    public Result rebuild() {
        return rebuild(Caller.system("read-model-rebuild"));
    }

    /**
     * Blocking: call from a worker thread. The tables are emptied in one transaction with the audit record of
     * who asked (the replay after it only re-applies the topics, idempotently).
     */
    public Result rebuild(Caller caller) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("A rebuild is already running");
        }
        try {
            // This replica's live consumer first (in process), then every replica's (the rebuild lock), in that
            // order: a live batch of this replica may be waiting for another replica's rebuild to end.
            return liveTotals.exclusively(() -> {
                try (AutoCloseable others = totals.holdForRebuild(Duration.ofMinutes(5))) {
                    return replayAll(caller);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            running.set(false);
        }
    }

    private Result replayAll(Caller caller) {
        long start = System.nanoTime();
        pool.withTransaction(tx -> tx.query("TRUNCATE project, ledger_position, applied_totals, daily_execution, "
                                + "monthly_execution, indicator_actual").execute()
                        .chain(() -> LiveNotices.reset(tx))
                        .chain(() -> audit.record(tx, caller, AuditEntry.done("read-model.rebuild", null, null,
                                "读模型已清空并从主题重放 (project, ledger_position, applied_totals, daily_execution, "
                                        + "monthly_execution, indicator_actual emptied; replayed from "
                                        + Topics.PROJECTS + ", " + Topics.PROJECT_TOTALS + ", "
                                        + Topics.INDICATOR_REPORTS + ")"))))
                .await().atMost(Duration.ofMinutes(1));
        facts.forgetSnapshots();
        long p = replay(Topics.PROJECTS, projects::consume);
        long l = replay(Topics.PROJECT_TOTALS, totals::apply);
        long i = replay(Topics.INDICATOR_REPORTS, indicators::consume);
        Result result = new Result(p, l, i, (System.nanoTime() - start) / 1_000_000);
        LOG.infof("Read model rebuilt from the topics: %s", result);
        return result;
    }

    private long replay(String topic, Function<List<String>, Uni<Void>> apply) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<String> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && record.value() != null) {
                        batch.add(record.value());
                    }
                }
                if (!batch.isEmpty()) {
                    apply.apply(batch).await().atMost(Duration.ofMinutes(5));
                    count += batch.size();
                }
            }
        }
        return count;
    }
}
