package io.kogu.content.channel;

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
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/** A connected account on a network, in one workspace. */
@Entity
@org.hibernate.annotations.DynamicUpdate
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    public static final String CONNECTED = "connected";
    public static final String NEEDS_RECONNECT = "needs_reconnect";

    @Id
    public UUID id;

    @Column(name = "workspace_id")
    public String workspaceId;

    /** A {@code Network} value of the contract. */
    public String network;

    public String handle;

    @Column(name = "display_name")
    public String displayName;

    /** AES-GCM ciphertext ({@link CredentialCipher}); never leaves the service. */
    public byte[] credentials;

    /** The id of the key that sealed {@link #credentials} ({@link CredentialKeys}); null: sealed before key ids. */
    @Column(name = "credentials_key_id")
    public String credentialsKeyId;

    @Column(name = "credentials_updated_at")
    public Instant credentialsUpdatedAt;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "posting_windows")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<PostingWindow> postingWindows = new ArrayList<>();

    /** Non-secret connection settings (a webhook url, an instance url, account ids), shown in the API. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> connection = new HashMap<>();

    /** {@link #CONNECTED}, or {@link #NEEDS_RECONNECT} once the network refused its access for good. */
    public String status = CONNECTED;

    @Column(name = "last_error")
    public String lastError;

    /** When the access token expires, where the network says (the credentials' {@code expiresAt}); the health. */
    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    /** A rate-limited channel publishes nothing before this (the network's Retry-After). */
    @Column(name = "blocked_until")
    public Instant blockedUntil;

    /** This channel's own text limit, when it differs from the network's. */
    @Column(name = "max_characters")
    public Integer maxCharacters;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Binds the credentials' ciphertext to this row. */
    public String credentialsAssociatedData() {
        return workspaceId + "/channel/" + id;
    }

    /** A weekday and local-time slot in the channel's time zone, {@code start} inclusive, {@code end} exclusive. */
    public record PostingWindow(String weekday, String start, String end) {
    }
}
