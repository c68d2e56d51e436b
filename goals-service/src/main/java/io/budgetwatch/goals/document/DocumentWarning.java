package io.budgetwatch.goals.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.util.UUID;

/** An indicator-quality finding of an import, kept with the document that caused it. */
@Entity
@Immutable
@IdClass(DocumentWarning.Key.class)
@Table(name = "quality_warning")
public class DocumentWarning {

    public record Key(UUID documentId, int seq) implements Serializable {
    }

    @Id
    @Column(name = "document_id")
    public UUID documentId;

    @Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "project_code")
    public String projectCode;

    @Column(name = "indicator_seq")
    public Integer indicatorSeq;

    @Column(name = "indicator_name")
    public String indicatorName;

    @Column(name = "rule", nullable = false)
    public String rule;

    @Column(name = "message_zh", nullable = false)
    public String messageZh;

    @Column(name = "message_en", nullable = false)
    public String messageEn;
}
