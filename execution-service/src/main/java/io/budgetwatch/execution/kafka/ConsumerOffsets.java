package io.budgetwatch.execution.kafka;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumer positions kept in the service database, written in the same transaction as the effects
 * of the records consumed. After a crash the consumer seeks to these, so nothing committed is
 * consumed twice and nothing uncommitted is skipped. Kafka's own committed offsets are only for
 * monitoring (lag).
 */
@ApplicationScoped
public class ConsumerOffsets {

    @Inject
    Pool pool;

    /** Next offsets stored for these partitions (absent when none stored yet). */
    public Uni<Map<TopicPartition, Long>> load(String groupId, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String topic = partitions.iterator().next().topic();
        return pool.preparedQuery("SELECT topic, partition, next_offset FROM consumer_offset WHERE group_id = $1")
                .execute(Tuple.of(groupId))
                .map(rows -> {
                    Map<TopicPartition, Long> found = new HashMap<>();
                    rows.forEach(row -> {
                        TopicPartition tp = new TopicPartition(row.getString("topic"), row.getInteger("partition"));
                        if (partitions.contains(tp)) {
                            found.put(tp, row.getLong("next_offset"));
                        }
                    });
                    return found;
                });
    }

    /** Stores next offsets inside the caller's transaction; never moves a position backwards. */
    public Uni<Void> store(SqlClient tx, String groupId, Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = nextOffsets.size();
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        int i = 0;
        for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
            topics[i] = e.getKey().topic();
            partitions[i] = e.getKey().partition();
            offsets[i] = e.getValue();
            i++;
        }
        Tuple params = Tuple.tuple();
        params.addValue(groupId);
        params.addValue(topics);
        params.addValue(partitions);
        params.addValue(offsets);
        return tx.preparedQuery("INSERT INTO consumer_offset (group_id, topic, partition, next_offset) "
                        + "SELECT $1, t, p, o FROM unnest($2::text[], $3::int[], $4::bigint[]) AS u(t, p, o) "
                        + "ON CONFLICT (group_id, topic, partition) DO UPDATE "
                        + "SET next_offset = GREATEST(consumer_offset.next_offset, EXCLUDED.next_offset)")
                .execute(params)
                .replaceWithVoid();
    }
}
