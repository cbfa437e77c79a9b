package io.kogu.audience.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An internal note on a conversation, for colleagues only (V13). */
@Entity
@Table(name = "conversation_note")
public class ConversationNote extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    public String author;

    public String text;

    @Column(name = "created_at")
    public Instant createdAt;
}
