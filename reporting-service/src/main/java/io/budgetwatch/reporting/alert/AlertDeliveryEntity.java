package io.budgetwatch.reporting.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery of an alert (table {@code alert_delivery}, V2): one row per alert and configured webhook. Rows are
 * inserted with their alert by the bulk evaluation ({@link AlertStore#insertDeliveries}, SQL); through Hibernate the
 * dispatcher claims them for an attempt and records its outcome, and the API reads them.
 */
@Entity
@Table(name = "alert_delivery")
public class AlertDeliveryEntity {

    /** Primary key (alert_id, webhook). */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "alert_id")
        private String alertId;

        @Column(name = "webhook")
        private String webhook;

        protected Key() {
        }

        public Key(String alertId, String webhook) {
            this.alertId = alertId;
            this.webhook = webhook;
        }

        public String alertId() {
            return alertId;
        }

        public String webhook() {
            return webhook;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(alertId, k.alertId) && Objects.equals(webhook, k.webhook);
        }

        @Override
        public int hashCode() {
            return Objects.hash(alertId, webhook);
        }
    }

    @EmbeddedId
    private Key id;

    @Column(name = "status")
    private String status;

    @Column(name = "attempts")
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected AlertDeliveryEntity() {
    }

    /** Counts an attempt and leases the row until {@code leaseUntil} (it is not due again before). */
    void claim(Instant leaseUntil) {
        this.nextAttemptAt = leaseUntil;
        this.attempts = attempts + 1;
    }

    /** The outcome of an attempt; {@code nextAttempt} null keeps the lease's time; DELIVERED stamps {@code now}. */
    void record(String status, Integer httpStatus, String error, Instant nextAttempt, Instant now) {
        this.status = status;
        this.lastStatus = httpStatus;
        this.lastError = error;
        if (nextAttempt != null) {
            this.nextAttemptAt = nextAttempt;
        }
        if ("DELIVERED".equals(status)) {
            this.deliveredAt = now;
        }
    }

    public String alertId() {
        return id.alertId();
    }

    public String webhook() {
        return id.webhook();
    }

    public String status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public String lastError() {
        return lastError;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
