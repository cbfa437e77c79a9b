package io.kogu.audience.reply;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A reply sent from the inbox through content-service, and what became of it (V14). */
@Entity
@Table(name = "conversation_reply")
public class ConversationReply extends PanacheEntityBase {

    public static final String PUBLISHED = "published";

    /** The id of content-service's reply too (chosen here; content-service is idempotent on it). */
    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "item_id")
    public UUID itemId;

    public String text;

    public String state;

    @Column(name = "external_id")
    public String externalId;

    public String url;

    public String error;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
