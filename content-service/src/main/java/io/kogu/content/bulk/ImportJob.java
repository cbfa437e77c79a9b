package io.kogu.content.bulk;

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

/**
 * An import of drafts from a file, and how far it got. A job of the platform runner ({@code import_job} has its
 * lease columns, which only the runner writes); its file is in {@code job_upload}.
 */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    /** Bad rows kept for the client to read; the counts go on beyond. */
    public static final int MAX_ERRORS = 1000;

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "created_by")
    public String createdBy;

    /** {@code csv} or {@code ndjson}. */
    public String format;

    public String status;

    public int total;

    public int processed;

    public int created;

    public int failed;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<RowError> errors = new ArrayList<>();

    public String message;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** A bad row: the line where it starts in the file, and what is wrong with it. */
    public record RowError(int line, String message) {
    }
}
