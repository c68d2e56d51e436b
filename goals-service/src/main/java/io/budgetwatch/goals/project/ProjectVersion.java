package io.budgetwatch.goals.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One version of a project as published on goals.projects: the full snapshot JSON. Append-only. */
@Entity
@Immutable
@IdClass(ProjectVersion.Key.class)
@Table(name = "project_version")
public class ProjectVersion {

    public record Key(String projectCode, int version) implements Serializable {
    }

    @Id
    @Column(name = "project_code")
    public String projectCode;

    @Id
    @Column(name = "version")
    public int version;

    /** document or adjustment. */
    @Column(name = "cause", nullable = false)
    public String cause;

    @Column(name = "document_id")
    public UUID documentId;

    @Column(name = "adjustment_seq")
    public Integer adjustmentSeq;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** The event exactly as published, JSON text. */
    @Column(name = "snapshot", nullable = false)
    public String snapshot;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
