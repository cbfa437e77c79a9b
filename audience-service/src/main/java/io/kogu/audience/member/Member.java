package io.kogu.audience.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person of the audience, in one workspace. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    /** ISO-3166 alpha-2. */
    public String country;

    public String relationship;

    @Column(name = "external_id")
    public String externalId;

    /** BCP-47. */
    public String language;

    public String city;

    @Column(name = "followed_since")
    public Instant followedSince;

    @Column(name = "last_interaction_at")
    public Instant lastInteractionAt;

    @Column(name = "engagement_score")
    public Double engagementScore;

    @Column(name = "marketing_consent")
    public boolean marketingConsent;

    /** Custom attributes, normalized to their declared types (see AttributeService). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    @OneToMany(mappedBy = "member", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<MemberHandle> handles = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
