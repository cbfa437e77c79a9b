package io.kogu.content.listen;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A saved query over a workspace's stories. */
@Entity
@Table(name = "monitor")
public class Monitor extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String name;

    @Column(name = "all_terms")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> allTerms = new ArrayList<>();

    @Column(name = "any_terms")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> anyTerms = new ArrayList<>();

    @Column(name = "none_terms")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> noneTerms = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    public boolean webhook;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public MonitorQuery query() {
        return new MonitorQuery(allTerms, anyTerms, noneTerms);
    }
}
