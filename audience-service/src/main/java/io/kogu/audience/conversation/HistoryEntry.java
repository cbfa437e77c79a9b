package io.kogu.audience.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One change of a conversation and who made it (V13). */
@Entity
@Table(name = "conversation_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    public String action;

    public String actor;

    public boolean automated;

    @Column(name = "from_value")
    public String fromValue;

    @Column(name = "to_value")
    public String toValue;

    @Column(name = "item_id")
    public UUID itemId;

    @Column(name = "undo_of")
    public UUID undoOf;

    @Column(name = "undone_at")
    public Instant undoneAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
