package io.kogu.metrics.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One stored engagement event. Written in batches by {@link EventIngestion}; read for summaries. */
@Entity
@Table(name = "engagement_event")
@IdClass(EngagementEventRecord.Key.class)
public class EngagementEventRecord extends PanacheEntityBase {

    /** An event is unique per workspace and sender's event id. */
    public record Key(String workspaceId, String eventId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "workspace_id")
    public String workspaceId;

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "publication_id")
    public UUID publicationId;

    public String type;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    public int count;

    @Column(name = "actor_member_id")
    public UUID actorMemberId;

    @Column(name = "actor_handle")
    public String actorHandle;
}
