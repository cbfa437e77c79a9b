package io.kogu.content.draft;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A draft's content as one save left it. Never changed once written. */
@Entity
@Table(name = "draft_revision")
public class DraftRevision extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "workspace_id")
    public String workspaceId;

    public int number;

    @JdbcTypeCode(SqlTypes.JSON)
    public DraftContent content;

    /** When this revision restored an older one, that one's number. */
    @Column(name = "restored_from")
    public Integer restoredFrom;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
