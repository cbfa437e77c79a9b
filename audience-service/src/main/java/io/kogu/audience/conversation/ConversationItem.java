package io.kogu.audience.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A comment, reply, mention or direct message as the network gave it (V13); immutable but for {@link #hidden}. */
@Entity
@Table(name = "conversation_item")
public class ConversationItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    public String network;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "external_id")
    public String externalId;

    public String kind;

    @Column(name = "parent_external_id")
    public String parentExternalId;

    @Column(name = "root_external_id")
    public String rootExternalId;

    @Column(name = "publication_id")
    public UUID publicationId;

    @Column(name = "author_handle")
    public String authorHandle;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_external_id")
    public String authorExternalId;

    @Column(name = "member_id")
    public UUID memberId;

    public String text;

    /** JSON array of {url, kind}, as the contract's ConversationItemMedia. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String media;

    public String url;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "from_us")
    public boolean fromUs;

    public boolean hidden;

    @Column(name = "spam_score")
    public double spamScore;

    @Column(name = "created_at")
    public Instant createdAt;
}
