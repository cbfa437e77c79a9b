package io.kogu.content.listen;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/** A listening source and its fetch state (the poller writes the state with native SQL, under its claim). */
@Entity
@DynamicUpdate
@Table(name = "listening_source")
public class Source extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    public String kind;
    public String url;

    @Column(name = "feed_url")
    public String feedUrl;

    public String host;
    public String query;

    @Column(name = "instance_url")
    public String instanceUrl;

    public String tag;
    public String title;
    public boolean competitor;
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "etag")
    public String etag;

    @Column(name = "last_modified")
    public String lastModified;

    @Column(name = "next_fetch_at")
    public Instant nextFetchAt;

    @Column(name = "consecutive_failures")
    public int consecutiveFailures;

    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;
}
