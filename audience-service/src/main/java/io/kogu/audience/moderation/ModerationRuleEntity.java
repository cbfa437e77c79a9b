package io.kogu.audience.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A workspace's moderation rule (V17 moderation_rule): conditions, actions, its place in the order. */
@Entity
@Table(name = "moderation_rule")
public class ModerationRuleEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String name;

    public boolean enabled;

    public int position;

    @JdbcTypeCode(SqlTypes.JSON)
    public RuleConditions conditions;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ModerationAction> actions;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
