package io.kogu.audience.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One application of a rule to an item (V17 moderation_log). No text and no author: the item is in the inbox, and
 * the log must not become a second copy of personal data.
 */
@Entity
@Table(name = "moderation_log")
public class ModerationLogRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "rule_id")
    public UUID ruleId;

    @Column(name = "rule_name")
    public String ruleName;

    public String network;

    @Column(name = "channel_id")
    public String channelId;

    public String kind;

    @Column(name = "spam_score")
    public double spamScore;

    public boolean spam;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ModerationAction> actions;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    /** When the rule was applied; named createdAt for the platform's keyset pages (newest first). */
    @Column(name = "applied_at")
    public Instant createdAt;
}
