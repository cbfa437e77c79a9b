package io.kogu.content.connect;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.channel.CredentialCipher;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Connecting a channel's account with OAuth 2.0 authorization code, PKCE and state (docs/content.md "Connecting
 * accounts"): {@link #start} answers the network's authorization URL and keeps the state (its SHA-256) with the
 * sealed code verifier for {@code kogu.oauth.state-ttl}; {@link #complete} takes the state back once, exchanges the
 * code and stores the tokens sealed as the channel's credentials. Network calls happen between short transactions,
 * never inside one.
 */
@ApplicationScoped
public class ChannelConnections {

    private static final Logger LOG = Logger.getLogger(ChannelConnections.class);

    @Inject
    ChannelService channels;

    @Inject
    CredentialCipher cipher;

    @Inject
    EntityManager entityManager;

    @Inject
    OAuthConfig config;

    @Inject
    Instance<OAuthNetwork> flows;

    @Inject
    Clock clock;

    /** Where the browser goes, and until when the callback is taken. */
    public record Started(UUID channelId, String network, URI authorizationUrl, String state, Instant expiresAt) {
    }

    public Started start(String workspaceId, UUID channelId, String subject) {
        OAuthNetwork.Target target = QuarkusTransaction.requiringNew().call(() -> target(workspaceId, channelId));
        OAuthNetwork flow = flow(target.network());
        String state = OAuthCalls.random();
        String verifier = OAuthCalls.random();
        URI redirectUri = config.redirectUri();
        OAuthNetwork.Authorization authorization = flow.authorize(target, redirectUri, state, OAuthCalls.challenge(verifier));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.stateTtl());
        String hash = OAuthCalls.hash(state);
        Map<String, String> pending = new LinkedHashMap<>(authorization.pending());
        pending.put("codeVerifier", verifier);
        pending.put("redirectUri", redirectUri.toString());
        CredentialCipher.Sealed sealed = cipher.seal(pending, workspaceId + "/connect/" + hash);
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("delete from channel_connect_state where expires_at < :now")
                    .setParameter("now", now).executeUpdate();
            entityManager.createNativeQuery("""
                            insert into channel_connect_state (state_hash, workspace_id, channel_id, network, sealed, key_id,
                                                               created_by, created_at, expires_at)
                            values (:hash, :workspace, :channel, :network, :sealed, :key, :by, :now, :expires)""")
                    .setParameter("hash", hash).setParameter("workspace", workspaceId).setParameter("channel", channelId)
                    .setParameter("network", target.network()).setParameter("sealed", sealed.bytes())
                    .setParameter("key", sealed.keyId()).setParameter("by", subject == null ? "" : subject)
                    .setParameter("now", now).setParameter("expires", expiresAt).executeUpdate();
        });
        LOG.infof("Connecting channel %s (%s) started", channelId, target.network());
        return new Started(channelId, target.network(), authorization.url(), state, expiresAt);
    }

    private record Pending(UUID channelId, Map<String, String> values) {
    }

    /** The callback: the state taken back (once), the code exchanged, the tokens stored. Answers the channel. */
    public Channel complete(String workspaceId, String state, String code, String error, String errorDescription) {
        if ((code == null || code.isBlank()) && (error == null || error.isBlank())) {
            throw ProblemException.invalid(List.of(new FieldError("code",
                    "is required (the `code` of the redirect URI), unless the network sent `error`")));
        }
        Pending pending = QuarkusTransaction.requiringNew().call(() -> take(workspaceId, state));
        if (error != null && !error.isBlank()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The network did not authorize Kogu (" + error
                    + (errorDescription == null || errorDescription.isBlank() ? "" : ": " + errorDescription)
                    + "); the channel is unchanged. Start connecting again to retry");
        }
        OAuthNetwork.Target target = QuarkusTransaction.requiringNew().call(() -> target(workspaceId, pending.channelId()));
        OAuthNetwork.Tokens tokens = flow(target.network()).exchange(target, pending.values(),
                URI.create(pending.values().get("redirectUri")), code, pending.values().get("codeVerifier"));
        return QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = channels.get(workspaceId, pending.channelId());
            if (!tokens.connection().isEmpty()) {
                Map<String, String> connection = new HashMap<>(channel.connection == null ? Map.of() : channel.connection);
                connection.putAll(tokens.connection());
                channel.connection = connection;
            }
            channels.replaceCredentials(channel, tokens.credentials());
            Instant now = clock.instant();
            channel.status = Channel.CONNECTED;
            channel.lastError = null;
            channel.lastSuccessAt = now;
            channel.updatedAt = now;
            channel.flush();
            LOG.infof("Channel %s (%s) connected", channel.id, channel.network);
            return channel;
        });
    }

    private Pending take(String workspaceId, String state) {
        String hash = OAuthCalls.hash(state);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select workspace_id, channel_id, sealed, key_id, expires_at from channel_connect_state
                        where state_hash = :hash for update""").setParameter("hash", hash).getResultList();
        if (rows.isEmpty()) {
            throw unknownState();
        }
        Object[] row = rows.get(0);
        if (!workspaceId.equals(row[0])) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No connection attempt with this state in this workspace");
        }
        entityManager.createNativeQuery("delete from channel_connect_state where state_hash = :hash")
                .setParameter("hash", hash).executeUpdate();
        if (io.kogu.platform.sql.Sql.toInstant(row[4]).isBefore(clock.instant())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This connection attempt expired (after "
                    + config.stateTtl().toMinutes() + " minutes): start connecting again",
                    List.of(new FieldError("state", "has expired")));
        }
        Map<String, String> values = cipher.open((byte[]) row[2], (String) row[3], workspaceId + "/connect/" + hash);
        return new Pending((UUID) row[1], values);
    }

    private static ProblemException unknownState() {
        return new ProblemException(ProblemType.UNPROCESSABLE, "No connection attempt has this state: it was used "
                + "already, has expired, or was never started. Start connecting again",
                List.of(new FieldError("state", "is unknown or used")));
    }

    private OAuthNetwork.Target target(String workspaceId, UUID channelId) {
        Channel channel = channels.get(workspaceId, channelId);
        return new OAuthNetwork.Target(channel.id, channel.workspaceId, channel.network, channel.handle,
                channel.connection == null ? Map.of() : Map.copyOf(channel.connection));
    }

    private OAuthNetwork flow(String network) {
        for (OAuthNetwork flow : flows) {
            if (flow.networks().contains(network)) {
                return flow;
            }
        }
        String how = switch (network) {
            case "bluesky" -> "Bluesky channels connect with their handle and an app password (credentials.appPassword)";
            case "blog" -> "blogs connect with a user name and an application password (credentials)";
            case "webhook" -> "webhook channels connect with their URL and secret";
            default -> "Kogu has no OAuth flow for " + network;
        };
        throw new ProblemException(ProblemType.UNPROCESSABLE, "This channel does not connect with OAuth: " + how
                + "; set them with PUT /v1/channels/{id}");
    }
}
