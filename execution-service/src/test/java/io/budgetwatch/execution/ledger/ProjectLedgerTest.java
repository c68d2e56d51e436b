package io.budgetwatch.execution.ledger;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.execution.project.KnownProject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project ledger view: execution rate, overspend and paging, without a database. */
class ProjectLedgerTest {

    private static final Optional<LedgerQueries.Executed> BOOKED = Optional.of(new LedgerQueries.Executed(
            new BigDecimal("1200.00"), new BigDecimal("1000.00"), new BigDecimal("200.00"), 3));

    private static Optional<KnownProject> project(String budget) {
        return Optional.of(new KnownProject("P1", 1, 2021, "213001", "某单位", "项目", new BigDecimal(budget),
                new BigDecimal(budget), BigDecimal.ZERO.setScale(2), List.of()));
    }

    private static List<EntryView> entries(long... seqs) {
        return LongStream.of(seqs).mapToObj(seq -> new EntryView(seq, "PV" + seq, "PV" + seq, "PRIMARY", "PAYMENT", null,
                "P1", new BigDecimal("400.00"), "FISCAL", LocalDate.of(2021, 5, 1), false, null, null, null, "KAFKA",
                Instant.EPOCH)).toList();
    }

    @Test
    void rateAndOverspendFollowTheCurrentBudget() {
        ProjectLedger.LedgerView v = ProjectLedger.view("P1", project("1000.00"), BOOKED, entries(), 100);
        assertEquals(new BigDecimal("120.00"), v.executionRatePercent());
        assertTrue(v.overspend());
        assertEquals(3, v.entryCount());
        ProjectLedger.LedgerView within = ProjectLedger.view("P1", project("3000.00"), BOOKED, entries(), 100);
        assertEquals(new BigDecimal("40.00"), within.executionRatePercent());
        assertFalse(within.overspend());
        assertNull(ProjectLedger.view("P1", project("0.00"), BOOKED, entries(), 100).executionRatePercent());
    }

    @Test
    void aPageTellsWhereTheNextStartsOnlyWhenMoreEntriesFollow() {
        ProjectLedger.LedgerView full = ProjectLedger.view("P1", project("1000.00"), BOOKED, entries(4, 9, 12), 2);
        assertEquals(List.of(4L, 9L), full.entries().stream().map(EntryView::seq).toList());
        assertEquals(9L, full.nextAfterSeq());
        ProjectLedger.LedgerView last = ProjectLedger.view("P1", project("1000.00"), BOOKED, entries(4, 9), 2);
        assertNull(last.nextAfterSeq());
        ProjectLedger.LedgerView totalsOnly = ProjectLedger.view("P1", project("1000.00"), BOOKED, entries(), 0);
        assertEquals(List.of(), totalsOnly.entries());
        assertNull(totalsOnly.nextAfterSeq());
    }

    @Test
    void aProjectNeitherKnownNorBookedIsNotFound() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ProjectLedger.view("P9", Optional.empty(), Optional.empty(), entries(), 10));
        assertEquals(404, e.status());
        ProjectLedger.LedgerView bookedOnly = ProjectLedger.view("P9", Optional.empty(), BOOKED, entries(), 10);
        assertNull(bookedOnly.budget());
        assertEquals(new BigDecimal("1200.00"), bookedOnly.executed().total());
    }
}
