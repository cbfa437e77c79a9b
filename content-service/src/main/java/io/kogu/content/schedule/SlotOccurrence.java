package io.kogu.content.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/** One occurrence of a recurring slot that was moved or skipped. */
@Entity
@Table(name = "slot_occurrence")
@IdClass(SlotOccurrence.Key.class)
public class SlotOccurrence extends PanacheEntityBase {

    @Id
    @Column(name = "slot_id")
    public UUID slotId;

    /** The occurrence's own date in the slot's time zone. */
    @Id
    @Column(name = "occurrence_date")
    public LocalDate occurrenceDate;

    @Column(name = "workspace_id")
    public String workspaceId;

    public boolean skipped;

    /** Where a moved occurrence now is. */
    @Column(name = "publish_at")
    public Instant publishAt;

    @Column(name = "local_date_time")
    public LocalDateTime localDateTime;

    public record Key(UUID slotId, LocalDate occurrenceDate) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
