package io.kogu.audience.imports;

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

/** An import job: its progress and its first bad rows. */
@Entity
@Table(name = "member_import")
public class MemberImport extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final int MAX_ERRORS = 1000;

    /** A bad row of the file. */
    public record RowError(long line, String field, String message) {
    }

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String format;

    public String status;

    public long total;

    public long processed;

    public long created;

    public long updated;

    public long unchanged;

    public long failed;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<RowError> errors = new ArrayList<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
