package io.kogu.audience.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A thread or a direct-message exchange with fans, in one workspace (V13). */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    public static final String THREAD = "thread";
    public static final String DIRECT_MESSAGE = "direct_message";
    public static final String OPEN = "open";
    public static final String PENDING = "pending";
    public static final String CLOSED = "closed";

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "channel_id")
    public UUID channelId;

    public String network;

    public String kind;

    @Column(name = "group_key")
    public String groupKey;

    @Column(name = "publication_id")
    public UUID publicationId;

    @Column(name = "member_id")
    public UUID memberId;

    public String state;

    public String assignee;

    public String priority;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    public boolean spam;

    @Column(name = "spam_score")
    public double spamScore;

    @Column(name = "item_count")
    public int itemCount;

    @Column(name = "last_text")
    public String lastText;

    @Column(name = "last_author_handle")
    public String lastAuthorHandle;

    @Column(name = "first_item_at")
    public Instant firstItemAt;

    @Column(name = "last_item_at")
    public Instant lastItemAt;

    @Column(name = "waiting_since")
    public Instant waitingSince;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "search_text")
    public String searchText;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
