package io.kogu.content.reply;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A reply to an item on a network (see V22__replies.sql). */
@Entity
@Table(name = "reply")
public class Reply extends PanacheEntityBase {

    public static final String AWAITING_APPROVAL = "awaiting_approval";
    public static final String QUEUED = "queued";
    public static final String PUBLISHING = "publishing";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";
    public static final String UNCONFIRMED = "unconfirmed";

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "channel_id")
    public UUID channelId;

    public String network;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    @Column(name = "in_reply_to_root")
    public String inReplyToRoot;

    @Column(name = "in_reply_to_url")
    public String inReplyToUrl;

    public String text;

    public String state;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "round_attempts")
    public int roundAttempts;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** When the current claim's network call began; null while nothing was sent under it. */
    @Column(name = "sending_at")
    public Instant sendingAt;

    public String reason;

    @Column(name = "external_id")
    public String externalId;

    public String url;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "approved_by")
    public String approvedBy;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** What the API shows: a reply being sent is still {@code queued} for its reader. */
    public String visibleState() {
        return PUBLISHING.equals(state) ? QUEUED : state;
    }

    /** Whether a request with these values asks for this same reply (the caller repeating itself). */
    boolean sameAs(UUID channel, String target, String root, String replyText, UUID conversation) {
        return channelId.equals(channel) && inReplyTo.equals(target) && Objects.equals(inReplyToRoot, root)
                && text.equals(replyText) && Objects.equals(conversationId, conversation);
    }
}
