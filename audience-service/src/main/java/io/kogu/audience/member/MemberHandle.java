package io.kogu.audience.member;

import io.kogu.platform.text.Handles;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import java.util.UUID;

/** A member's handle on one network, e.g. {@code @ann} on x or {@code @ann@mastodon.social} on mastodon. */
@Entity
@Table(name = "member_handle")
public class MemberHandle extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "member_id")
    public Member member;

    /** Repeated from the member so that a handle is unique per workspace (see the V1 migration). */
    @Column(name = "workspace_id")
    public String workspaceId;

    public String network;

    public String handle;

    /** The handle as {@link Handles#normalize(String, String)} gives it: what lookups and the unique index use. */
    @Column(name = "handle_key")
    public String handleKey;

    /** Keeps the order the client gave. */
    public int position;

    @PrePersist
    @PreUpdate
    void normalise() {
        handleKey = Handles.normalize(network, handle);
    }
}
