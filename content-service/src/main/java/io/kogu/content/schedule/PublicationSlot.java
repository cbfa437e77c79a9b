package io.kogu.content.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/** One channel's publication of a draft at one time. */
@Entity
@Table(name = "publication_slot")
public class PublicationSlot extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String PUBLISHING = "publishing";

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "publish_at")
    public Instant publishAt;

    /** The wall-clock time that was asked for, in {@link #timeZone}; null when an instant was given. */
    @Column(name = "local_date_time")
    public LocalDateTime localDateTime;

    @Column(name = "time_zone")
    public String timeZone;

    public String state;

    /** An RFC 5545 RRULE when the slot recurs; {@link #publishAt} is then the first occurrence. */
    public String rrule;

    /** The last occurrence of a recurring slot; null when the series does not end. */
    @Column(name = "recurrence_end")
    public Instant recurrenceEnd;

    /** For a slot that asked for the best time: what chose it ({@code history}, …, {@code posting_windows}). */
    public String basis;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    public int attempts;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
