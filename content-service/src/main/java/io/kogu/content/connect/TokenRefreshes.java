package io.kogu.content.connect;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.jobs.Job;
import io.kogu.platform.jobs.JobKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Renews channels' access tokens before they expire, as a kind of the platform job runner (docs/README.md
 * "Background jobs"; one row of {@code channel_token_refresh} per planned renewal, claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease by any replica). A renewal is planned whenever credentials with an
 * {@code expiresAt} are stored for a network whose tokens Kogu can renew (X and LinkedIn with a refresh token,
 * Threads), {@code kogu.oauth.refresh-before} ahead: the row's {@code lease_until} is that time, so the runner finds
 * it due then. The renewal itself is the network's {@link Connector#refresh} (the same code the publisher uses after
 * a 401). Outcomes:
 * <ul>
 * <li>renewed: the new tokens are sealed and stored, which plans the next renewal;</li>
 * <li>refused ({@code invalid_grant}: consent revoked, refresh token expired or used): the channel turns
 *     {@code needs_reconnect} with the network's words, which stops its publishing and collection and nothing
 *     else — unless its credentials changed meanwhile (a reconnect, or a renewal by the publisher);</li>
 * <li>rate-limited (429 with its wait): a new renewal is planned after the wait;</li>
 * <li>anything else: the runner tries again ({@code kogu.jobs.retry-after}, {@code max-attempts}); when it gives up
 *     the channel keeps its status and says why in {@code lastError} (the publisher still renews on a 401).</li>
 * </ul>
 */
@ApplicationScoped
public class TokenRefreshes implements JobKind {

    private static final Logger LOG = Logger.getLogger(TokenRefreshes.class);

    /** The networks whose tokens expire and can be renewed without the person. */
    static final Set<String> RENEWABLE = Set.of("x", "linkedin", "threads");

    @Inject
    EntityManager entityManager;

    @Inject
    OAuthConfig config;

    @Inject
    Connectors connectors;

    @Inject
    ChannelService channels;

    @Inject
    Clock clock;

    @Override
    public String table() {
        return "channel_token_refresh";
    }

    /** The credentials' {@code expiresAt} (ISO-8601 instant or epoch seconds), null when absent or unreadable. */
    public static Instant expiresAt(Map<String, String> credentials) {
        String value = credentials == null ? null : credentials.get("expiresAt");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notIso) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(value.trim()));
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }
    }

    /**
     * Plans the channel's next renewal from the credentials just stored (in the caller's transaction), replacing a
     * renewal planned before; credentials that do not expire or cannot be renewed plan none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(Channel channel, Map<String, String> credentials) {
        entityManager.createNativeQuery("delete from channel_token_refresh where channel_id = :channel and status <> 'running'")
                .setParameter("channel", channel.id).executeUpdate();
        Instant expires = expiresAt(credentials);
        boolean renewable = RENEWABLE.contains(channel.network)
                && ("threads".equals(channel.network) || credentials.containsKey("refreshToken"));
        if (expires == null || !renewable) {
            return;
        }
        insert(channel.id, channel.workspaceId, expires.minus(config.refreshBefore()));
    }

    private void insert(UUID channelId, String workspaceId, Instant due) {
        entityManager.createNativeQuery("""
                        insert into channel_token_refresh (id, workspace_id, channel_id, status, lease_until, created_at)
                        values (:id, :workspace, :channel, 'queued', :due, :now)""")
                .setParameter("id", UUID.randomUUID()).setParameter("workspace", workspaceId)
                .setParameter("channel", channelId).setParameter("due", due).setParameter("now", clock.instant())
                .executeUpdate();
    }

    /** The channel to renew, read in a transaction of its own; null when it is gone or waits for a reconnect. */
    private record Target(Account account, Instant credentialsUpdatedAt) {
    }

    @Override
    public void run(Job job) throws Exception {
        Target target = QuarkusTransaction.requiringNew().call(() -> target(job.id()));
        if (target == null) {
            return;
        }
        Account account = target.account();
        Connector connector = connectors.forNetwork(account.network()).orElse(null);
        if (connector == null) {
            return;
        }
        try {
            connector.refresh(account);
        } catch (PublishFailure failure) {
            if (failure.outcome() == PublishFailure.Outcome.UNAUTHORIZED) {
                LOG.warnf("Channel %s: %s refused to renew its access; it needs reconnecting", account.channelId(),
                        account.network());
                QuarkusTransaction.requiringNew().run(() -> {
                    job.checkpoint();
                    refused(account.channelId(), target.credentialsUpdatedAt(), failure.reason());
                });
                return;
            }
            if (failure.retryAfter() != null) {
                QuarkusTransaction.requiringNew().run(() -> {
                    job.checkpoint();
                    insert(account.channelId(), account.workspaceId(), clock.instant().plus(failure.retryAfter()));
                    note(account.channelId(), failure.reason());
                });
                return;
            }
            throw new IllegalStateException(failure.reason());
        }
        if (!account.credentialsReplaced()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            job.checkpoint();
            Channel channel = Channel.findById(account.channelId());
            if (channel == null || !Objects.equals(channel.credentialsUpdatedAt, target.credentialsUpdatedAt())) {
                return; // reconnected or renewed meanwhile: those credentials stand
            }
            channels.replaceCredentials(channel, account.credentials());
            channel.lastSuccessAt = clock.instant();
            if (Channel.CONNECTED.equals(channel.status)) {
                channel.lastError = null;
            }
        });
    }

    private Target target(UUID jobId) {
        Object channelId = entityManager.createNativeQuery("select channel_id from channel_token_refresh where id = :id")
                .setParameter("id", jobId).getResultStream().findFirst().orElse(null);
        Channel channel = channelId == null ? null : Channel.findById(channelId);
        if (channel == null || !Channel.CONNECTED.equals(channel.status) || channel.credentials == null) {
            return null;
        }
        return new Target(new Account(channel.id, channel.workspaceId, channel.network, channel.handle,
                channel.connection == null ? Map.of() : channel.connection, channels.open(channel)),
                channel.credentialsUpdatedAt);
    }

    private void refused(UUID channelId, Instant credentialsUpdatedAt, String reason) {
        Channel channel = Channel.findById(channelId);
        if (channel == null || !Objects.equals(channel.credentialsUpdatedAt, credentialsUpdatedAt)) {
            return;
        }
        channel.status = Channel.NEEDS_RECONNECT;
        channel.lastError = reason + ": reconnect the channel (POST /v1/channels/" + channelId + "/connect)";
    }

    private void note(UUID channelId, String reason) {
        entityManager.createNativeQuery("update channel set last_error = :error where id = :id")
                .setParameter("error", "Renewing the access had to wait: " + reason).setParameter("id", channelId)
                .executeUpdate();
    }

    @Override
    public void failed(UUID jobId, String reason) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = entityManager.createNativeQuery(
                        "select channel_id, last_error from channel_token_refresh where id = :id")
                .setParameter("id", jobId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        String why = rows.get(0)[1] != null ? (String) rows.get(0)[1] : reason;
        // The runner notes "<exception class>: <message>"; the person needs the message.
        why = why.startsWith("IllegalStateException: ") ? why.substring("IllegalStateException: ".length()) : why;
        entityManager.createNativeQuery("update channel set last_error = :error where id = :id and status = 'connected'")
                .setParameter("error", "Kogu could not renew the access (" + why + "); it tries again when a post or a "
                        + "reading needs it, else connect the channel again").setParameter("id", rows.get(0)[0])
                .executeUpdate();
    }
}
