package io.budgetwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts the {@link ProjectTotalsEvent}s of ledger writes: fed one write's entries in seq order, then
 * {@link #endWrite}, it answers one event per project of that write. execution-service's relay feeds it from memory
 * or from the table (both give the same events, as a write's entries and their positions are fixed at commit); the
 * reporting benchmark feeds it its generated writes.
 */
public final class ProjectTotalsSlicer {

    private record DayKey(LocalDate paidOn, String fundSource) {
    }

    private static final Comparator<DayKey> DAY_ORDER = Comparator.comparing(DayKey::paidOn)
            .thenComparing(DayKey::fundSource);

    private static final class Slice {
        final String projectCode;
        final int fiscalYear;
        final String agencyCode;
        final long fromSeq;
        long toSeq;
        int entries;
        final Map<DayKey, long[]> days = new TreeMap<>(DAY_ORDER); // fen, entries
        long totalFen;
        long fiscalFen;
        long otherFen;
        boolean overspend;

        Slice(String projectCode, int fiscalYear, String agencyCode, long fromSeq) {
            this.projectCode = projectCode;
            this.fiscalYear = fiscalYear;
            this.agencyCode = agencyCode;
            this.fromSeq = fromSeq;
        }
    }

    private final Map<String, Slice> open = new LinkedHashMap<>();
    private Instant recordedAt;

    /** One entry of the current write; amounts and running totals in whole fen. */
    public void add(long seq, String projectCode, int fiscalYear, String agencyCode, LocalDate paidOn, String fundSource,
             long amountFen, boolean overspend, long totalFen, long fiscalFen, long otherFen, Instant recordedAt) {
        Slice s = open.computeIfAbsent(projectCode, code -> new Slice(code, fiscalYear, agencyCode, seq));
        s.toSeq = seq;
        s.entries++;
        long[] day = s.days.computeIfAbsent(new DayKey(paidOn, fundSource), k -> new long[2]);
        day[0] += amountFen;
        day[1]++;
        s.totalFen = totalFen;
        s.fiscalFen = fiscalFen;
        s.otherFen = otherFen;
        s.overspend |= overspend;
        this.recordedAt = recordedAt;
    }

    /** The events of the write fed since the last call, in the order its projects first appeared. */
    public List<ProjectTotalsEvent> endWrite() {
        List<ProjectTotalsEvent> events = new ArrayList<>(open.size());
        for (Slice s : open.values()) {
            List<ProjectTotalsEvent.DayAmount> days = new ArrayList<>(s.days.size());
            s.days.forEach((k, v) -> days.add(new ProjectTotalsEvent.DayAmount(k.paidOn(), k.fundSource(),
                    yuan(v[0]), (int) v[1])));
            events.add(new ProjectTotalsEvent(ProjectTotalsEvent.eventId(s.projectCode, s.fromSeq, s.toSeq),
                    s.projectCode, s.fiscalYear, s.agencyCode, s.fromSeq, s.toSeq, s.entries, days, yuan(s.totalFen),
                    yuan(s.fiscalFen), yuan(s.otherFen), s.overspend, recordedAt));
        }
        open.clear();
        return events;
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }
}
