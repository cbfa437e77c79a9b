package io.kogu.audience.segment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A member added to a static segment (written in bulk by SegmentService; read here for data exports). */
@Entity
@Table(name = "segment_member")
@IdClass(SegmentMembership.Key.class)
public class SegmentMembership extends PanacheEntityBase {

    public record Key(UUID segmentId, UUID memberId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "segment_id")
    public UUID segmentId;

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "added_at")
    public Instant addedAt;
}
