package io.kogu.metrics.publication;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A draft as it went out on one channel, registered by content-service. */
@Entity
@Table(name = "publication")
@IdClass(Publication.Key.class)
public class Publication extends PanacheEntityBase {

    public record Key(String workspaceId, UUID id) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "workspace_id")
    public String workspaceId;

    @Id
    public UUID id;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "channel_id")
    public UUID channelId;

    /** A {@code Network} value of the contract. */
    public String network;

    @Column(name = "external_post_id")
    public String externalPostId;

    public String url;

    /** The draft's title, else the first line of the post's text (what a screen shows). */
    public String title;

    /** The channel's name as this registration gave it; kept per channel in {@code channel_label}, not here. */
    @jakarta.persistence.Transient
    public String channelName;

    @Column(name = "published_at")
    public Instant publishedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    public String campaign;

    @Column(name = "target_segment_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> targetSegmentIds = new ArrayList<>();

    @Column(name = "follower_count")
    public Long followerCount;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
}
