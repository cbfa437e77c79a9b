package io.kogu.content.draft;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Content being written, in one workspace. Its searchable text lives in a generated column (V2). */
@Entity
@Table(name = "draft")
public class Draft extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String title;

    public String body;

    @Column(name = "channel_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> channelIds = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DraftContent.Variant> variants = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DraftContent.Media> media = new ArrayList<>();

    public String link;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    public String campaign;

    @Column(name = "target_segment_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> targetSegmentIds = new ArrayList<>();

    /** Internal notes for the team. */
    public String notes;

    /** When the team means to publish it; a plan, not a schedule. */
    @Column(name = "planned_at")
    public Instant plannedAt;

    /** A {@code DraftStatus} value of the contract. */
    public String status;

    /** The distinct approvers of the current content. */
    @Column(name = "approved_by")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> approvedBy = new ArrayList<>();

    /** The number of the revision that holds the current content. */
    public int revision;

    /** The token subject of the author. */
    @Column(name = "created_by")
    public String createdBy;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public DraftContent content() {
        return new DraftContent(title, body, channelIds, variants, media, link, tags, campaign, targetSegmentIds, notes,
                plannedAt == null ? null : plannedAt.toString());
    }
}
