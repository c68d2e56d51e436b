package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.contract.VoucherRecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What an incoming voucher state does to a voucher, given the state it is in now and the states received before.
 * Pure: no I/O (like LedgerBatch), tested alone.
 *
 * <ul>
 * <li>the UPDATE_TIME of a state received before: the same content is a {@link Verdict#NO_OP}, other content a
 * {@link Verdict#CONFLICT} (recorded, never applied);</li>
 * <li>an UPDATE_TIME earlier than the current state's: {@link Verdict#STALE} (recorded, never applied);</li>
 * <li>otherwise (the first state, or a later one) {@link Verdict#APPLY}: the new state becomes the voucher's, and
 * the ledger moves from what the old state counted to what the new one counts by compensating deltas.</li>
 * </ul>
 * Deltas: nothing counted before or after: none; only after: the new amount; only before (deleted, or no longer
 * paid): its reversal; the same project, agency, year, fund source and date: the difference (none when equal);
 * anything else: the reversal of the old, then the new. A delta carries the date of what it books or takes back, so
 * the ledger's sums per project, fund and day are those of the voucher's current state, whatever order the states
 * arrived in.
 */
public final class VoucherStates {

    private VoucherStates() {
    }

    public enum Verdict { APPLY, NO_OP, STALE, CONFLICT }

    /** What a voucher state counts as executed money: an amount on a project, fund source and date. */
    public record Counted(String projectCode, String agencyCode, int fiscalYear, String fundSource, LocalDate paidOn,
                          BigDecimal amount) {

        /** What the state counts: XPAY_AMT on XPAY_DATE when paid and not deleted, else nothing (null). */
        public static Counted of(VoucherRecord r) {
            return r.counts() ? new Counted(r.projectCode(), r.agencyCode(), r.fiscalYear(), r.fundSource(),
                    r.paidOn(), r.xpayAmt()) : null;
        }

        boolean samePlace(Counted o) {
            return projectCode.equals(o.projectCode) && agencyCode.equals(o.agencyCode) && fiscalYear == o.fiscalYear
                    && fundSource.equals(o.fundSource) && paidOn.equals(o.paidOn);
        }

        Counted withAmount(BigDecimal a) {
            return new Counted(projectCode, agencyCode, fiscalYear, fundSource, paidOn, a);
        }
    }

    /** A state received before: its UPDATE_TIME and content hash. */
    public record Received(LocalDateTime updateTime, byte[] hash) {
    }

    /** The state a voucher is in now and what it counts (null: nothing). */
    public record Current(LocalDateTime updateTime, byte[] hash, Counted counted) {
    }

    /** One ledger movement: PRIMARY books (signed) on its place, REVERSAL takes back what the old state counted. */
    public record Delta(String role, Counted booked) {
    }

    public record Decision(Verdict verdict, List<Delta> deltas) {
        static final Decision NO_OP = new Decision(Verdict.NO_OP, List.of());
        static final Decision STALE = new Decision(Verdict.STALE, List.of());
        static final Decision CONFLICT = new Decision(Verdict.CONFLICT, List.of());
    }

    public static final String PRIMARY = "PRIMARY";
    public static final String REVERSAL = "REVERSAL";

    /**
     * The verdict on an incoming state ({@code updateTime}, {@code hash}, what it counts) for a voucher in state
     * {@code current} (null: none yet) that has received {@code received} (every state recorded, current included).
     */
    public static Decision decide(Current current, Collection<Received> received, LocalDateTime updateTime,
                                  byte[] hash, Counted incoming) {
        boolean otherContentAtSameTime = false;
        for (Received r : received) {
            if (r.updateTime().equals(updateTime)) {
                if (Arrays.equals(r.hash(), hash)) {
                    return Decision.NO_OP;
                }
                otherContentAtSameTime = true;
            }
        }
        if (current != null && current.updateTime().equals(updateTime)) {
            return Arrays.equals(current.hash(), hash) ? Decision.NO_OP : Decision.CONFLICT;
        }
        if (otherContentAtSameTime) {
            return Decision.CONFLICT;
        }
        if (current != null && updateTime.isBefore(current.updateTime())) {
            return Decision.STALE;
        }
        return new Decision(Verdict.APPLY, deltas(current == null ? null : current.counted(), incoming));
    }

    /** The compensating movements from what {@code before} counted to what {@code after} counts. */
    public static List<Delta> deltas(Counted before, Counted after) {
        if (before == null && after == null) {
            return List.of();
        }
        if (before == null) {
            return List.of(new Delta(PRIMARY, after));
        }
        if (after == null) {
            return List.of(new Delta(REVERSAL, before.withAmount(before.amount().negate())));
        }
        if (before.samePlace(after)) {
            BigDecimal diff = after.amount().subtract(before.amount());
            return diff.signum() == 0 ? List.of() : List.of(new Delta(PRIMARY, after.withAmount(diff)));
        }
        return List.of(new Delta(REVERSAL, before.withAmount(before.amount().negate())), new Delta(PRIMARY, after));
    }
}
