package io.kogu.audience.segment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A group of members: by a rule evaluated live whenever it is asked, or by an explicit list. */
@Entity
@Table(name = "segment")
public class Segment extends PanacheEntityBase {

    public static final String DYNAMIC = "dynamic";
    public static final String STATIC = "static";

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String name;

    public String description;

    /** {@code dynamic} (by its rule) or {@code static} (by segment_member rows). */
    public String kind;

    /** The rule tree as the client wrote it (see RuleParser); null for a static segment. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode rule;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
