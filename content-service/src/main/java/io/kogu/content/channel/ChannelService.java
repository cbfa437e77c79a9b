package io.kogu.content.channel;

import io.kogu.content.connect.TokenRefreshes;
import io.kogu.content.time.Clocks;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.kogu.content.publish.connector.Account;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Channels of a workspace: connecting, changing and disconnecting them; their credentials stay sealed. */
@ApplicationScoped
public class ChannelService {

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(ChannelService.class);

    @Inject
    CredentialCipher cipher;

    @Inject
    TokenRefreshes refreshes;

    @Inject
    EntityManager entityManager;

    @Transactional
    public Channel create(String workspaceId, ChannelSettings settings) {
        requireValid(settings);
        requireNotConnected(workspaceId, settings, null);
        Instant now = now();
        Channel channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.workspaceId = workspaceId;
        channel.createdAt = now;
        apply(channel, settings, now);
        channel.persist();
        if (settings.credentials() != null && !settings.credentials().isEmpty()) {
            channel.flush();
            refreshes.plan(channel, settings.credentials());
        }
        return channel;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Channel get(String workspaceId, UUID id) {
        return Channel.<Channel>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("channel", id));
    }

    @Transactional
    public Channel update(String workspaceId, UUID id, String ifMatch, ChannelSettings settings) {
        Channel channel = get(workspaceId, id);
        Versions.requireMatch(ifMatch, channel.version);
        requireValid(settings);
        requireNotConnected(workspaceId, settings, id);
        apply(channel, settings, now());
        channel.flush();
        if (settings.credentials() != null && !settings.credentials().isEmpty()) {
            refreshes.plan(channel, settings.credentials());
        }
        return channel;
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Channel channel = get(workspaceId, id);
        Versions.requireMatch(ifMatch, channel.version);
        channel.delete();
        channel.flush();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Channel> list(String workspaceId, String network, Keyset keyset) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (network != null) {
            query.append(" and network = :network");
            parameters.and("network", network);
        }
        return keyset.find(query.toString(), parameters, "", (q, values) -> Channel.<Channel>find(q, values),
                channel -> new PageCursor(channel.createdAt, channel.id));
    }

    /** The channels among {@code ids} that exist in the workspace. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Channel> existing(String workspaceId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Channel.<Channel>find("workspaceId = ?1 and id in ?2", workspaceId, ids).list();
    }

    /** Every channel of the workspace (a workspace has a handful); its own transaction, for background jobs. */
    @Transactional
    public List<Channel> all(String workspaceId) {
        return Channel.<Channel>list("workspaceId", workspaceId);
    }

    /** The decrypted credentials, for the code that talks to the network; never for an API answer. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> credentials(String workspaceId, UUID id) {
        Channel channel = get(workspaceId, id);
        return channel.credentials == null ? Map.of()
                : cipher.open(channel.credentials, channel.credentialsKeyId, channel.credentialsAssociatedData());
    }

    /**
     * Stores credentials a connector renewed (a refreshed token) or a connection got, sealed; inside the caller's
     * transaction. Their {@code expiresAt} becomes the channel's health, and the next renewal is planned.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceCredentials(Channel channel, Map<String, String> credentials) {
        CredentialCipher.Sealed sealed = cipher.seal(credentials, channel.credentialsAssociatedData());
        channel.credentials = sealed.bytes();
        channel.credentialsKeyId = sealed.keyId();
        channel.credentialsUpdatedAt = now();
        channel.tokenExpiresAt = TokenRefreshes.expiresAt(credentials);
        refreshes.plan(channel, credentials);
    }

    /** The channel as a connector sees it: handle, connection settings and opened credentials, for one call. */
    public Account account(Channel channel) {
        return new Account(channel.id, channel.workspaceId, channel.network, channel.handle,
                channel.connection == null ? Map.of() : channel.connection, open(channel));
    }

    /** The opened credentials of a channel already read (empty when it has none). */
    public Map<String, String> open(Channel channel) {
        return channel.credentials == null ? Map.of()
                : cipher.open(channel.credentials, channel.credentialsKeyId, channel.credentialsAssociatedData());
    }

    private void apply(Channel channel, ChannelSettings settings, Instant now) {
        channel.network = settings.network();
        channel.handle = settings.handle();
        channel.displayName = settings.displayName();
        channel.timeZone = settings.timeZone();
        channel.postingWindows = new ArrayList<>(settings.postingWindows());
        channel.maxCharacters = settings.maxCharacters();
        channel.connection = settings.connection() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(settings.connection());
        if (settings.credentials() != null && !settings.credentials().isEmpty()) {
            CredentialCipher.Sealed sealed = cipher.seal(settings.credentials(), channel.credentialsAssociatedData());
            channel.credentials = sealed.bytes();
            channel.credentialsKeyId = sealed.keyId();
            channel.credentialsUpdatedAt = now;
            channel.tokenExpiresAt = TokenRefreshes.expiresAt(settings.credentials());
            // New credentials are a reconnection.
            channel.status = Channel.CONNECTED;
            channel.lastError = null;
            LOG.debugf("Sealed new credentials for channel %s", channel.id);
        }
        channel.updatedAt = now;
    }

    /**
     * One account is one channel: another channel of the workspace with the same network and handle (compared
     * as audience-service compares handles: case-insensitive, and here without a leading {@code @}) is a 409.
     * A transaction-scoped advisory lock on the account makes two concurrent connects of it wait for each other.
     */
    private void requireNotConnected(String workspaceId, ChannelSettings settings, UUID self) {
        String handle = sameHandle(settings.handle());
        entityManager.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked")
                .setParameter("key", "channel/" + workspaceId + "/" + settings.network() + "/" + handle)
                .getSingleResult();
        List<Channel> others = Channel.<Channel>find("workspaceId = ?1 and network = ?2", workspaceId, settings.network())
                .list();
        for (Channel other : others) {
            if (!other.id.equals(self) && sameHandle(other.handle).equals(handle)) {
                throw new ProblemException(ProblemType.CONFLICT, "This " + settings.network() + " account (" + other.handle
                        + ") is connected already as channel " + other.id + "; change that channel instead",
                        List.of(new FieldError("handle", "is connected already as channel " + other.id)));
            }
        }
    }

    /** A handle as two handles of one account compare: without a leading {@code @}, lower case. */
    static String sameHandle(String handle) {
        String bare = handle.startsWith("@") ? handle.substring(1) : handle;
        return bare.toLowerCase(Locale.ROOT);
    }

    /** The same checks as the API's (ValidChannelSettings), for callers that are not the API. */
    private static void requireValid(ChannelSettings settings) {
        List<FieldError> errors = ChannelSettings.problems(settings.timeZone(), settings.postingWindows());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}
