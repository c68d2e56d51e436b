package io.budgetwatch.execution.ledger;

import io.budgetwatch.common.metrics.StoredCounts;
import io.budgetwatch.common.relay.RelayLoop;
import io.budgetwatch.common.relay.RelaySends;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.LedgerEntryEvent;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.events.ProjectTotalsSlicer;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.kafka.Producers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox of the ledger: publishes ledger entries on execution.ledger (key = project code) in seq
 * order, with one execution.project-totals event per ledger write and project ({@link ProjectTotalsSlicer}),
 * and moves a cursor forward in the transaction that read them. The ledger table itself is
 * the outbox: an entry is published if and only if it was committed, at least once (consumers
 * deduplicate by entryId). This costs no extra row per entry, which a separate outbox row would
 * (measured: it halves the ingestion rate). Correct because every ledger writer holds
 * {@link LedgerStore#LEDGER_LOCK} until commit, so seq order is commit order and no entry can
 * appear behind the cursor. One replica publishes at a time (advisory lock).
 *
 * <p>Writers of this process hand their entries over after commit ({@link #committed}) with the seq
 * range the insert reported. When the entries right after the cursor are in hand, a round publishes
 * them without reading them back; otherwise (a restart, a seq gap after a rollback, another
 * replica's entries, more in hand than {@code memory-limit}) it reads from the table as before.
 * Both ways publish the same bytes in seq order and move the cursor in the same transaction.
 */
@ApplicationScoped
public class LedgerRelay {

    private static final Logger LOG = Logger.getLogger(LedgerRelay.class);
    private static final long RELAY_LOCK = 0x1ED6E5L;
    static final String CURSOR = Topics.LEDGER;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Producers producers;

    @Inject
    LedgerRelaySettings settings;

    @Inject
    ObjectMapper mapper;

    @Inject
    StoredCounts counts;

    private RelayLoop loop;

    /** Committed entries of this process not yet published, by first seq. */
    private final ConcurrentSkipListMap<Long, Committed> inHand = new ConcurrentSkipListMap<>();
    private final AtomicInteger inHandEntries = new AtomicInteger();
    private final AtomicLong publishedInHand = new AtomicLong();
    private final AtomicLong publishedFromTable = new AtomicLong();

    /** Entries one ledger transaction committed, holding seqs firstSeq, firstSeq + 1, ... in list order. */
    record Committed(long firstSeq, List<LedgerEntry> entries, Instant recordedAt) {
        long lastSeq() {
            return firstSeq + entries.size() - 1;
        }
    }

    void start(@Observes StartupEvent event) {
        loop = new RelayLoop("Ledger", settings.batchSize(),
                () -> RelayLoop.underAdvisoryLock(pool, RELAY_LOCK, this::publishLocked));
        // the entries behind the cursor (seqs are consecutive but for a rolled-back insert's gap: count, not subtract)
        counts.relayBacklog("ledger", "SELECT count(*) FROM ledger_entry WHERE seq > "
                + "(SELECT last_seq FROM publish_cursor WHERE name = '" + CURSOR + "')");
        if (settings.enabled()) {
            loop.start(vertx, settings.pollInterval());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Starts a round unless one is running; a request during a round causes another. */
    public void nudge() {
        if (loop != null && settings.enabled()) {
            loop.nudge();
        }
    }

    /**
     * Hands over what a ledger transaction committed (call after commit, with the first seq that
     * {@link LedgerStore#insert} reported). Dropped when too much is in hand: then the table is read.
     */
    public void committed(long firstSeq, List<LedgerEntry> entries, Instant recordedAt) {
        if (entries.isEmpty() || !settings.enabled()
                || inHandEntries.get() + entries.size() > settings.memoryLimit()) {
            return;
        }
        inHand.put(firstSeq, new Committed(firstSeq, entries, recordedAt));
        inHandEntries.addAndGet(entries.size());
    }

    /** Entries sent since start: handed over after commit, and read back from the table. */
    public Map<String, Long> counters() {
        return Map.of("ledgerPublishedInHand", publishedInHand.get(), "ledgerPublishedFromTable",
                publishedFromTable.get());
    }

    /** Sends until no full batch is left; returns how many were sent. */
    public Uni<Integer> drain() {
        return loop.drain();
    }

    /** The last seq published. */
    public Uni<Long> cursor() {
        return pool.preparedQuery("SELECT last_seq FROM publish_cursor WHERE name = $1").execute(Tuple.of(CURSOR))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Integer> publishLocked(SqlConnection conn) {
        return conn.preparedQuery("SELECT last_seq FROM publish_cursor WHERE name = $1 FOR UPDATE")
                .execute(Tuple.of(CURSOR))
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(last -> {
                    List<Committed> ready = takeInHand(last);
                    return ready.isEmpty() ? publishFromTable(conn, last) : publishInHand(conn, ready);
                });
    }

    /** Forgets what is published; answers the run of entries in hand that starts right after the cursor. */
    private List<Committed> takeInHand(long last) {
        Map.Entry<Long, Committed> head;
        while ((head = inHand.firstEntry()) != null && head.getValue().lastSeq() <= last) {
            forget(head.getValue());
        }
        List<Committed> ready = new ArrayList<>();
        long expected = last + 1;
        int count = 0;
        for (Committed c : inHand.values()) {
            if (c.firstSeq() != expected || count >= settings.batchSize()) {
                break;
            }
            ready.add(c);
            count += c.entries().size();
            expected = c.lastSeq() + 1;
        }
        return ready;
    }

    private void forget(Committed c) {
        if (inHand.remove(c.firstSeq(), c)) {
            inHandEntries.addAndGet(-c.entries().size());
        }
    }

    private Uni<Integer> publishInHand(SqlConnection conn, List<Committed> ready) {
        long newLast = ready.get(ready.size() - 1).lastSeq();
        return publishAndMoveCursor(() -> {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            ProjectTotalsSlicer slicer = new ProjectTotalsSlicer();
            for (Committed c : ready) {
                long seq = c.firstSeq(); // the write's entries hold consecutive positions, in list order
                for (LedgerEntry e : c.entries()) {
                    long amount = LedgerStore.cents(e.amount());
                    long total = LedgerStore.cents(e.projectTotal());
                    long fiscal = LedgerStore.cents(e.projectFiscal());
                    long other = LedgerStore.cents(e.projectOther());
                    records.add(record(e.projectCode(), e.entryId(), LedgerEventJson.write(e.entryId(),
                            e.paymentId(), e.kind(), e.originalPaymentId(), e.fiscalYear(), e.agencyCode(),
                            e.projectCode(), amount, e.fundSource(), e.paidOn(), e.overspend(), c.recordedAt(), total,
                            fiscal, other, seq)));
                    slicer.add(seq++, e.projectCode(), e.fiscalYear(), e.agencyCode(), e.paidOn(), e.fundSource(),
                            amount, e.overspend(), total, fiscal, other, c.recordedAt());
                }
                addTotals(records, slicer.endWrite());
            }
            return records;
        }, conn, newLast, ready.stream().mapToInt(c -> c.entries().size()).sum()).invoke(sent -> {
            ready.forEach(this::forget);
            publishedInHand.addAndGet(sent);
        });
    }

    /** The columns {@link #toJson} reads, by position. */
    public static final String EVENT_COLUMNS = """
            seq, entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code, project_code,
            (amount * 100)::bigint, fund_source, paid_on, overspend, recorded_at, (project_total * 100)::bigint,
            (project_fiscal * 100)::bigint, (project_other * 100)::bigint, write_id""";

    private Uni<Integer> publishFromTable(SqlConnection conn, long last) {
        int limit = settings.batchSize();
        return readAfter(conn, last, limit).flatMap(read -> {
            if (read.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            if (read.size() < limit || writeId(read.get(read.size() - 1)) == null) {
                return publishRows(conn, read);
            }
            // A full read may end inside a write: a round publishes whole writes (their totals events must be cut
            // alike every time), so the last write is left to the next round, or read to its end when it is the only one.
            long lastWrite = writeId(read.get(read.size() - 1));
            int end = read.size();
            while (end > 0 && Long.valueOf(lastWrite).equals(writeId(read.get(end - 1)))) {
                end--;
            }
            return end > 0 ? publishRows(conn, read.subList(0, end))
                    : readRestOfWrite(conn, read, lastWrite, limit).flatMap(whole -> publishRows(conn, whole));
        });
    }

    private Uni<List<Row>> readAfter(SqlConnection conn, long seq, int limit) {
        return conn.preparedQuery("SELECT " + EVENT_COLUMNS + " FROM ledger_entry WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(seq, limit))
                .map(rows -> {
                    List<Row> list = new ArrayList<>(rows.size());
                    rows.forEach(list::add);
                    return list;
                });
    }

    /** Appends the write's entries after the last read (a write's entries hold consecutive positions). */
    private Uni<List<Row>> readRestOfWrite(SqlConnection conn, List<Row> read, long write, int limit) {
        return readAfter(conn, read.get(read.size() - 1).getLong(0), limit).flatMap(more -> {
            for (Row row : more) {
                if (!Long.valueOf(write).equals(writeId(row))) {
                    return Uni.createFrom().item(read);
                }
                read.add(row);
            }
            return more.size() < limit ? Uni.createFrom().item(read) : readRestOfWrite(conn, read, write, limit);
        });
    }

    private static Long writeId(Row row) {
        return row.getLong(16);
    }

    private Uni<Integer> publishRows(SqlConnection conn, List<Row> rows) {
        long cursor = rows.get(rows.size() - 1).getLong(0);
        return publishAndMoveCursor(() -> {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(rows.size() + rows.size() / 8);
            ProjectTotalsSlicer slicer = new ProjectTotalsSlicer();
            Long write = null;
            for (Row row : rows) {
                Long rowWrite = writeId(row);
                if (write == null || !write.equals(rowWrite)) { // entries from before write ids: each its own write
                    addTotals(records, slicer.endWrite());
                    write = rowWrite;
                }
                records.add(record(row.getString(7), row.getString(1), toJson(row)));
                slicer.add(row.getLong(0), row.getString(7), row.getInteger(5), row.getString(6),
                        row.getLocalDate(10), row.getString(9), row.getLong(8), row.getBoolean(11), row.getLong(13),
                        row.getLong(14), row.getLong(15), row.getOffsetDateTime(12).toInstant());
            }
            addTotals(records, slicer.endWrite());
            return records;
        }, conn, cursor, rows.size()).invoke(publishedFromTable::addAndGet);
    }

    private void addTotals(List<ProducerRecord<byte[], byte[]>> records, List<ProjectTotalsEvent> events) {
        for (ProjectTotalsEvent e : events) {
            byte[] json;
            try {
                json = mapper.writeValueAsBytes(e);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException("Cannot write " + e.eventId(), ex);
            }
            Header[] headers = {new RecordHeader(Topics.HEADER_EVENT_ID, e.eventId().getBytes(StandardCharsets.UTF_8)),
                    TOTALS_TYPE_HEADER};
            records.add(new ProducerRecord<>(Topics.PROJECT_TOTALS, null, keyBytes(e.projectCode()), json,
                    new RecordHeaders(headers)));
        }
    }

    private static final Header TOTALS_TYPE_HEADER = new RecordHeader(Topics.HEADER_EVENT_TYPE,
            ProjectTotalsEvent.class.getSimpleName().getBytes(StandardCharsets.UTF_8));

    private ProducerRecord<byte[], byte[]> record(String projectCode, String entryId, byte[] json) {
        Header[] headers = {new RecordHeader(Topics.HEADER_EVENT_ID, entryId.getBytes(StandardCharsets.UTF_8)),
                EVENT_TYPE_HEADER};
        return new ProducerRecord<>(Topics.LEDGER, null, keyBytes(projectCode), json, new RecordHeaders(headers));
    }

    /** Project codes repeat on every entry: their UTF-8 bytes are kept (keys are never modified by the producer). */
    private byte[] keyBytes(String projectCode) {
        byte[] key = keys.get(projectCode);
        if (key == null) {
            if (keys.size() > 50_000) {
                keys.clear();
            }
            key = projectCode.getBytes(StandardCharsets.UTF_8);
            keys.put(projectCode, key);
        }
        return key;
    }

    private final Map<String, byte[]> keys = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Builds the records and sends them on a worker thread (JSON and Kafka stay off the event loop), then
     * moves the cursor to {@code newLast} in the round's transaction; answers {@code entries}, the ledger entries
     * the round published (with their totals events).
     */
    private Uni<Integer> publishAndMoveCursor(java.util.function.Supplier<List<ProducerRecord<byte[], byte[]>>> build,
                              SqlConnection conn, long newLast, int entries) {
        return RelaySends.sendAll(producers::ledger, build, "a ledger event").replaceWith(entries)
                .flatMap(sent -> conn.preparedQuery("UPDATE publish_cursor SET last_seq = $2 WHERE name = $1")
                        .execute(Tuple.of(CURSOR, newLast))
                        .replaceWith(sent));
    }

    private static final Header EVENT_TYPE_HEADER = new RecordHeader(Topics.HEADER_EVENT_TYPE,
            LedgerEntryEvent.class.getSimpleName().getBytes(StandardCharsets.UTF_8));

    /** The event of a row selected with {@link #EVENT_COLUMNS}; money arrives as whole fen. */
    public static byte[] toJson(Row row) {
        return LedgerEventJson.write(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getInteger(5), row.getString(6), row.getString(7), row.getLong(8), row.getString(9),
                row.getLocalDate(10), row.getBoolean(11), row.getOffsetDateTime(12).toInstant(), row.getLong(13),
                row.getLong(14), row.getLong(15), row.getLong(0));
    }
}
