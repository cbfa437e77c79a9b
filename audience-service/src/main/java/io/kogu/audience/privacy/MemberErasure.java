package io.kogu.audience.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The record that a member was erased: when, by whom, and the event other services got. No personal data. */
@Entity
@Table(name = "member_erasure")
public class MemberErasure extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "erased_at")
    public Instant erasedAt;

    @Column(name = "erased_by")
    public String erasedBy;
}
