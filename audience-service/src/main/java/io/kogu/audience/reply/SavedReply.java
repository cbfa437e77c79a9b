package io.kogu.audience.reply;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A reply template with {{field}} placeholders (V14). */
@Entity
@Table(name = "saved_reply")
public class SavedReply extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String name;

    public String text;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
