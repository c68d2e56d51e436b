package io.budgetwatch.execution.contract;

import io.budgetwatch.events.PaymentEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The content hash of a payment as it is stored with every ledger entry since the first release, written the plain
 * way: "v1", then each part after a 0x1F separator as {@code String.getBytes(UTF_8)}, a 0 byte for null. A
 * resent record is a duplicate only if its hash equals the stored one, so the hash must never change.
 */
final class FrozenContentHash {

    private FrozenContentHash() {
    }

    static byte[] of(PaymentEvent e) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        digest.update("v1".getBytes(StandardCharsets.US_ASCII));
        for (Object part : new Object[] {e.paymentId(), e.kind(), e.originalPaymentId(), e.fiscalYear(),
                e.agencyCode(), e.projectCode(), e.amount() == null ? null : e.amount().toPlainString(), e.fundSource(),
                e.paidOn(), e.economicClass(), e.functionalClass(), e.authorityDocNo(), e.payee(), e.purpose()}) {
            digest.update((byte) 0x1f);
            if (part == null) {
                digest.update((byte) 0);
            } else {
                digest.update(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return digest.digest();
    }
}
