package io.budgetwatch.reporting.alert;

import io.budgetwatch.events.AlertEvent;
import io.vertx.core.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A stored alert (table {@code alert}, V2): what a rule raised, and its acknowledgement (确认). Rows are inserted by the
 * bulk evaluation only ({@link AlertStore#insertNew}, SQL); through Hibernate an alert is read and acknowledged, so
 * every column but the three of the acknowledgement is neither inserted nor updated here.
 */
@Entity
@Table(name = "alert")
public class AlertEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "project_code", updatable = false, insertable = false)
    private String projectCode;

    @Column(name = "agency_code", updatable = false, insertable = false)
    private String agencyCode;

    @Column(name = "fiscal_year", updatable = false, insertable = false)
    private int fiscalYear;

    @Column(name = "project_name", updatable = false, insertable = false)
    private String projectName;

    @Column(name = "rule", updatable = false, insertable = false)
    private String rule;

    @Column(name = "severity", updatable = false, insertable = false)
    private String severity;

    @Column(name = "checkpoint", updatable = false, insertable = false)
    private LocalDate checkpoint;

    @Column(name = "as_of", updatable = false, insertable = false)
    private LocalDate asOf;

    /** JSONB, as its JSON text (parsed by {@link #figures()} as the reactive client's rows were). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "figures", updatable = false, insertable = false)
    private String figures;

    @Column(name = "message_zh", updatable = false, insertable = false)
    private String messageZh;

    @Column(name = "message_en", updatable = false, insertable = false)
    private String messageEn;

    @Column(name = "raised_at", updatable = false, insertable = false)
    private Instant raisedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "ack_comment")
    private String ackComment;

    @Column(name = "ack_explanation_id")
    private String ackExplanationId;

    protected AlertEntity() {
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    /**
     * Records who acknowledged the alert, when and why, and the deviation explanation that answers it (or null); the
     * caller has checked it was not acknowledged before and that the explanation is one of the alert's project.
     */
    void acknowledge(Instant at, String by, String comment, String explanationId) {
        this.acknowledgedAt = at;
        this.acknowledgedBy = by;
        this.ackComment = comment;
        this.ackExplanationId = explanationId;
    }

    /** The alert as its {@code budget.alerts} event (and webhook body): figures as text. */
    AlertEvent toEvent() {
        Map<String, String> map = new HashMap<>();
        figures().forEach(e -> map.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, id, id, projectCode, agencyCode, fiscalYear, projectName,
                rule, severity, checkpoint, asOf, map, messageZh, messageEn, raisedAt);
    }

    JsonObject figures() {
        return new JsonObject(figures);
    }

    public String id() {
        return id;
    }

    public String projectCode() {
        return projectCode;
    }

    public String agencyCode() {
        return agencyCode;
    }

    public int fiscalYear() {
        return fiscalYear;
    }

    public String projectName() {
        return projectName;
    }

    public String rule() {
        return rule;
    }

    public String severity() {
        return severity;
    }

    public LocalDate checkpoint() {
        return checkpoint;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return messageEn;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public String ackComment() {
        return ackComment;
    }

    public String ackExplanationId() {
        return ackExplanationId;
    }
}
