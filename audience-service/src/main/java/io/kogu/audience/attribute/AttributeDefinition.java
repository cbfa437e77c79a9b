package io.kogu.audience.attribute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A custom member attribute a workspace declared, with its type (string, number, boolean, date). */
@Entity
@Table(name = "attribute_definition")
public class AttributeDefinition extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String key;

    public String type;

    @Column(name = "created_at")
    public Instant createdAt;
}
