package io.budgetwatch.goals.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/**
 * 绩效目标表: one stored version of an agency's goal document for a fiscal year, with the bytes as
 * received and the import report (JSON). Append-only: never updated (a database trigger refuses it).
 */
@Entity
@Immutable
@Table(name = "goal_document")
public class GoalDocument {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "agency_code", nullable = false)
    public String agencyCode;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(name = "sha256", nullable = false)
    public String sha256;

    @Column(name = "original", nullable = false)
    public byte[] original;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** The import report, JSON text. */
    @Column(name = "report", nullable = false)
    public String report;
}
