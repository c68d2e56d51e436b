package io.budgetwatch.goals.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** 绩效目标: one goal line of the current version, kept as written (duplicates included). */
@Entity
@IdClass(ProjectGoalLine.Key.class)
@Table(name = "goal_line")
public class ProjectGoalLine {

    public record Key(String projectCode, int seq) implements Serializable {
    }

    @Id
    @Column(name = "project_code")
    public String projectCode;

    @Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "text", nullable = false)
    public String text;
}
