package io.kogu.audience.segment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** How many members a segment held on one UTC day (written by SegmentSizes). */
@Entity
@Table(name = "segment_size")
@IdClass(SegmentSize.Key.class)
public class SegmentSize extends PanacheEntityBase {

    public record Key(UUID segmentId, LocalDate day) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "segment_id")
    public UUID segmentId;

    @Id
    public LocalDate day;

    @Column(name = "workspace_id")
    public String workspaceId;

    public long size;

    @Column(name = "counted_at")
    public Instant countedAt;
}
