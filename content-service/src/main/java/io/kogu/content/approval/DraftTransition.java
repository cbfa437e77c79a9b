package io.kogu.content.approval;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step in a draft's audit history. Never changed once written. */
@Entity
@Table(name = "draft_transition")
public class DraftTransition extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String action;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    public String actor;

    /** The actor's name as their token gave it (platform Caller.name()); null when it gave none. */
    @Column(name = "actor_name")
    public String actorName;

    public String comment;

    @Column(name = "created_at")
    public Instant createdAt;
}
