package io.kogu.content.publish;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One post of one draft on one channel at one time (see V8__publications_outbox.sql). */
@Entity
@Table(name = "publication")
public class Publication extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String PUBLISHING = "publishing";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";
    public static final String UNCONFIRMED = "unconfirmed";
    /** Not stored: a queued publication this long past its time is shown and filtered as {@code overdue}. */
    public static final String OVERDUE = "overdue";
    public static final java.time.Duration OVERDUE_AFTER = java.time.Duration.ofMinutes(5);

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "slot_id")
    public UUID slotId;

    @Column(name = "occurrence_date")
    public LocalDate occurrenceDate;

    @Column(name = "channel_id")
    public UUID channelId;

    public String network;

    @JdbcTypeCode(SqlTypes.JSON)
    public PublicationContent content;

    @Column(name = "due_at")
    public Instant dueAt;

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

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> progress = new HashMap<>();

    public boolean superseded;

    @Version
    public long version;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The state as the API shows it: a queued publication 5 minutes past its time is {@code overdue}. */
    public String visibleState(Instant now) {
        return QUEUED.equals(state) && dueAt.plus(OVERDUE_AFTER).isBefore(now) ? OVERDUE : state;
    }
}
