package io.budgetwatch.goals.agency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** 预算单位: created by the first goal document that names it; its name follows the latest document. */
@Entity
@Table(name = "agency")
public class Agency {

    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
