package io.budgetwatch.execution.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One ledger row (台账分录). role PRIMARY: the entry a record creates on its own project
 * (entryId = paymentId, carries the record's content hash and details); role REVERSAL: the
 * compensating entry of a correction on the original's project (entryId = paymentId + "#reversal").
 * Running totals are the project's totals right after this entry. {@code voucherStateId}: the treasury voucher
 * state (voucher_state) whose application made the entry (kind VOUCHER), null for payment records.
 */
public record LedgerEntry(
        String entryId,
        String paymentId,
        String role,
        String kind,
        String originalPaymentId,
        int fiscalYear,
        String agencyCode,
        String projectCode,
        BigDecimal amount,
        String fundSource,
        LocalDate paidOn,
        String economicClass,
        String functionalClass,
        String authorityDocNo,
        String payee,
        String purpose,
        byte[] contentHash,
        boolean overspend,
        BigDecimal projectTotal,
        BigDecimal projectFiscal,
        BigDecimal projectOther,
        String source,
        Long voucherStateId) {

    public static final String PRIMARY = "PRIMARY";
    public static final String REVERSAL = "REVERSAL";
    public static final String REVERSAL_SUFFIX = "#reversal";
    /** Kind of the entries a treasury voucher state makes (VoucherStates): its amount, or a compensation. */
    public static final String VOUCHER = "VOUCHER";
}
