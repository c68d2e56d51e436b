package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.voucher.VoucherStates.Counted;
import io.budgetwatch.execution.voucher.VoucherStates.Current;
import io.budgetwatch.execution.voucher.VoucherStates.Decision;
import io.budgetwatch.execution.voucher.VoucherStates.Delta;
import io.budgetwatch.execution.voucher.VoucherStates.Received;
import io.budgetwatch.execution.voucher.VoucherStates.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state decision of a voucher alone, without I/O (as LedgerBatch's rules are tested). */
class VoucherStatesTest {

    private static final LocalDateTime T1 = LocalDateTime.parse("2021-05-10T09:00:00");
    private static final LocalDateTime T2 = LocalDateTime.parse("2021-05-12T10:30:00");
    private static final LocalDateTime T3 = LocalDateTime.parse("2021-05-20T16:00:00");
    private static final byte[] H1 = {1};
    private static final byte[] H2 = {2};
    private static final byte[] H3 = {3};

    private static Counted paid(String project, String fund, String date, String amount) {
        return new Counted(project, "213001", 2021, fund, LocalDate.parse(date), new BigDecimal(amount));
    }

    private static void assertDeltas(Decision d, String... expected) {
        assertEquals(Verdict.APPLY, d.verdict());
        List<String> shown = d.deltas().stream().map(VoucherStatesTest::show).toList();
        assertEquals(List.of(expected), shown);
    }

    private static String show(Delta x) {
        Counted b = x.booked();
        return x.role() + " " + b.projectCode() + " " + b.fundSource() + " " + b.paidOn() + " " + b.amount().toPlainString();
    }

    @Test
    void theFirstStateCountsWhatItCountsAndAPendingOneNothing() {
        assertDeltas(VoucherStates.decide(null, List.of(), T1, H1, null));
        assertDeltas(VoucherStates.decide(null, List.of(), T1, H1, paid("P1", "FISCAL", "2021-05-12", "1000.00")),
                "PRIMARY P1 FISCAL 2021-05-12 1000.00");
    }

    @Test
    void pendingThenPaidCountsOnceAtThePaidAmount() {
        Current pending = new Current(T1, H1, null);
        assertDeltas(VoucherStates.decide(pending, List.of(new Received(T1, H1)), T2, H2,
                paid("P1", "FISCAL", "2021-05-12", "998.50")), "PRIMARY P1 FISCAL 2021-05-12 998.50");
    }

    @Test
    void aLaterStateMovesTheLedgerByCompensatingDeltas() {
        Current counted = new Current(T2, H2, paid("P1", "FISCAL", "2021-05-12", "1000.00"));
        List<Received> received = List.of(new Received(T2, H2));
        // amount changed: the difference, on the same project, fund and day
        assertDeltas(VoucherStates.decide(counted, received, T3, H3, paid("P1", "FISCAL", "2021-05-12", "950.00")),
                "PRIMARY P1 FISCAL 2021-05-12 -50.00");
        // the same amount again (another payee, say): the state moves, the ledger does not
        assertDeltas(VoucherStates.decide(counted, received, T3, H3, paid("P1", "FISCAL", "2021-05-12", "1000.00")));
        // project changed: taken back from the old, booked on the new
        assertDeltas(VoucherStates.decide(counted, received, T3, H3, paid("P2", "FISCAL", "2021-05-12", "1000.00")),
                "REVERSAL P1 FISCAL 2021-05-12 -1000.00", "PRIMARY P2 FISCAL 2021-05-12 1000.00");
        // fund source or date changed: the same, each delta on the date of what it books
        assertDeltas(VoucherStates.decide(counted, received, T3, H3, paid("P1", "OTHER", "2021-05-13", "1000.00")),
                "REVERSAL P1 FISCAL 2021-05-12 -1000.00", "PRIMARY P1 OTHER 2021-05-13 1000.00");
        // IS_DELETED = 1 (counts nothing): what it counted is reversed
        assertDeltas(VoucherStates.decide(counted, received, T3, H3, null), "REVERSAL P1 FISCAL 2021-05-12 -1000.00");
    }

    @Test
    void theSameStateAgainIsANoOpAndOtherContentAtItsTimeAConflict() {
        Current counted = new Current(T2, H2, paid("P1", "FISCAL", "2021-05-12", "1000.00"));
        List<Received> received = List.of(new Received(T1, H1), new Received(T2, H2));
        assertEquals(Verdict.NO_OP, VoucherStates.decide(counted, received, T2, H2, null).verdict());
        assertEquals(Verdict.CONFLICT, VoucherStates.decide(counted, received, T2, H3, null).verdict());
        // an old state received again is a no-op too; another content at an old time a conflict
        assertEquals(Verdict.NO_OP, VoucherStates.decide(counted, received, T1, H1, null).verdict());
        assertEquals(Verdict.CONFLICT, VoucherStates.decide(counted, received, T1, H3, null).verdict());
        // the current state's time is a conflict even if the received list was not given
        assertEquals(Verdict.CONFLICT, VoucherStates.decide(counted, List.of(), T2, H3, null).verdict());
        assertTrue(VoucherStates.decide(counted, received, T2, H3, null).deltas().isEmpty());
    }

    @Test
    void anEarlierStateArrivingLateIsStaleAndNeverApplied() {
        Current counted = new Current(T3, H3, paid("P1", "FISCAL", "2021-05-12", "1000.00"));
        Decision d = VoucherStates.decide(counted, List.of(new Received(T3, H3)), T2, H2,
                paid("P1", "FISCAL", "2021-05-12", "500.00"));
        assertEquals(Verdict.STALE, d.verdict());
        assertTrue(d.deltas().isEmpty());
    }

    /** Any arrival order of a voucher's states ends in the same sums per project, fund and day as the last state. */
    @Test
    void anyArrivalOrderEndsInTheLastStatesSums() {
        Random random = new Random(20210512);
        for (int round = 0; round < 2000; round++) {
            List<LocalDateTime> times = new ArrayList<>();
            List<Counted> states = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                times.add(T1.plusHours(i));
                states.add(random.nextInt(4) == 0 ? null : paid("P" + random.nextInt(3),
                        random.nextBoolean() ? "FISCAL" : "OTHER", "2021-05-1" + random.nextInt(3),
                        (1 + random.nextInt(5)) + "00.00"));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            Map<String, BigDecimal> sums = new HashMap<>();
            Current current = null;
            List<Received> received = new ArrayList<>();
            for (int i : order) {
                byte[] hash = {(byte) i};
                Decision d = VoucherStates.decide(current, received, times.get(i), hash, states.get(i));
                received.add(new Received(times.get(i), hash));
                if (d.verdict() == Verdict.APPLY) {
                    current = new Current(times.get(i), hash, states.get(i));
                    for (Delta x : d.deltas()) {
                        sums.merge(key(x.booked()), x.booked().amount(), BigDecimal::add);
                    }
                } else {
                    assertEquals(Verdict.STALE, d.verdict(), "round " + round);
                }
            }
            sums.values().removeIf(v -> v.signum() == 0);
            Counted last = states.get(n - 1);
            assertEquals(last == null ? Map.of() : Map.of(key(last), last.amount()), sums, "round " + round);
        }
    }

    private static String key(Counted c) {
        return c.projectCode() + "/" + c.fundSource() + "/" + c.paidOn();
    }
}
