package io.budgetwatch.goals.adjustment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * 预算调整: one change of a project's current budget, manual or caused by a new document version.
 * Append-only: never updated or deleted (a database trigger refuses it).
 */
@Entity
@Immutable
@IdClass(BudgetAdjustment.Key.class)
@Table(name = "budget_adjustment")
public class BudgetAdjustment {

    public static final String SOURCE_MANUAL = "manual";
    public static final String SOURCE_DOCUMENT = "document";

    public record Key(String projectCode, int seq) implements Serializable {
    }

    @Id
    @Column(name = "project_code")
    public String projectCode;

    /** 1, 2, ... per project. */
    @Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "previous_total", nullable = false)
    public BigDecimal previousTotal;

    @Column(name = "previous_fiscal", nullable = false)
    public BigDecimal previousFiscal;

    @Column(name = "previous_other", nullable = false)
    public BigDecimal previousOther;

    @Column(name = "total", nullable = false)
    public BigDecimal total;

    @Column(name = "fiscal", nullable = false)
    public BigDecimal fiscal;

    @Column(name = "other", nullable = false)
    public BigDecimal other;

    @Column(name = "reason", nullable = false)
    public String reason;

    @Column(name = "effective_on", nullable = false)
    public LocalDate effectiveOn;

    @Column(name = "adjusted_by", nullable = false)
    public String adjustedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** manual or document. */
    @Column(name = "source", nullable = false)
    public String source;

    @Column(name = "document_id")
    public UUID documentId;

    @Column(name = "document_version")
    public Integer documentVersion;

    @Column(name = "project_version", nullable = false)
    public int projectVersion;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** Fingerprint of the manual request, to tell a retry from a reused Idempotency-Key. */
    @Column(name = "request_sha256")
    public String requestSha256;
}
