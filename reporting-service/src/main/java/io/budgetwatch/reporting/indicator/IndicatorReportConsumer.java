package io.budgetwatch.reporting.indicator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.IndicatorReportEvent;
import io.budgetwatch.reporting.alert.AlertService;
import io.budgetwatch.reporting.live.LiveNotices;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores indicator actuals from execution.indicator-reports (history, deduplicated by event id; the
 * same id with other content is recorded in event_conflict and not applied) and
 * re-checks the reporting projects' cost caps at once.
 */
@ApplicationScoped
public class IndicatorReportConsumer {

    private static final Logger LOG = Logger.getLogger(IndicatorReportConsumer.class);
    private static final Set<String> ASSESSMENTS = Set.of("ACHIEVED", "PARTIAL", "NOT_ACHIEVED");

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    AlertService alerts;

    @Incoming("indicator-reports")
    public Uni<Void> consume(List<String> payloads) {
        List<Tuple> rows = new ArrayList<>();
        Set<String> projects = new LinkedHashSet<>();
        Set<LiveNotices.Change> changes = new LinkedHashSet<>();
        for (String payload : payloads) {
            IndicatorReportEvent e = decode(payload);
            if (e == null) {
                continue;
            }
            projects.add(e.projectCode());
            changes.add(new LiveNotices.Change(e.agencyCode(), e.fiscalYear(), e.projectCode()));
            rows.add(Tuple.from(java.util.Arrays.asList(e.eventId(), e.projectCode(), e.indicatorSeq(),
                    e.indicatorName(), e.value(), e.unit(), e.assessment(), e.reportedOn(), e.reporter(), e.note(),
                    e.recordedAt() == null ? null : e.recordedAt().atOffset(ZoneOffset.UTC))));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        WITH stored AS (
                            SELECT * FROM indicator_actual WHERE event_id = $1
                        ), conflicting AS (
                            INSERT INTO event_conflict (topic, event_id, stored, incoming)
                            SELECT 'execution.indicator-reports', $1,
                                concat_ws(' ', s.project_code, s.indicator_seq, s.value, s.unit, s.assessment, s.reported_on),
                                concat_ws(' ', $2::text, $3::int, $5::numeric, $6::text, $7::text, $8::date)
                            FROM stored s
                            WHERE (s.project_code, s.indicator_seq, s.value, s.unit, s.assessment, s.reported_on)
                                IS DISTINCT FROM ($2::text, $3::int, $5::numeric, $6::text, $7::text, $8::date)
                        )
                        INSERT INTO indicator_actual (event_id, project_code, indicator_seq, indicator_name, value, unit,
                            assessment, reported_on, reporter, note, recorded_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (event_id) DO NOTHING""")
                .executeBatch(rows)
                .chain(() -> LiveNotices.send(tx, LiveNotices.Kind.INDICATOR, changes)))
                .chain(() -> alerts.evaluateImmediate(new ArrayList<>(projects), null))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Storing indicator reports failed, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private IndicatorReportEvent decode(String payload) {
        try {
            IndicatorReportEvent e = mapper.readValue(payload, IndicatorReportEvent.class);
            boolean quantitative = e.value() != null;
            boolean qualitative = e.assessment() != null && ASSESSMENTS.contains(e.assessment());
            if (e.eventId() == null || e.projectCode() == null || e.reportedOn() == null
                    || quantitative == qualitative) {
                LOG.warnf("Ignoring incomplete indicator report: %.200s", payload);
                return null;
            }
            return e;
        } catch (Exception ex) {
            LOG.warnf("Ignoring unreadable indicator report (%s): %.200s", ex.getMessage(), payload);
            return null;
        }
    }
}
