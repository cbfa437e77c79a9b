package io.kogu.content.approval;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A review comment on a draft. */
@Entity
@Table(name = "draft_comment")
public class DraftComment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String author;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
