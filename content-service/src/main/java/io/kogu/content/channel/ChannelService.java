package io.kogu.content.channel;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Channels of a workspace: connecting, changing and disconnecting them; their credentials stay sealed. */
@ApplicationScoped
public class ChannelService {

    private static final Logger LOG = Logger.getLogger(ChannelService.class);

    @Inject
    CredentialCipher cipher;

    @Transactional
    public Channel create(String workspaceId, ChannelSettings settings) {
        requireValid(settings);
        Instant now = now();
        Channel channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.workspaceId = workspaceId;
        channel.createdAt = now;
        apply(channel, settings, now);
        channel.persist();
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
        apply(channel, settings, now());
        channel.flush();
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
    public Page<Channel> list(String workspaceId, String network, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (network != null) {
            query.append(" and network = :network");
            parameters.and("network", network);
        }
        if (after != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            parameters.and("createdAt", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        List<Channel> rows = Channel.<Channel>find(query.toString(), parameters).range(0, limit).list();
        return Page.of(rows, limit, channel -> new PageCursor(channel.createdAt, channel.id));
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
        return channel.credentials == null ? Map.of() : cipher.open(channel.credentials, channel.credentialsAssociatedData());
    }

    /** Stores credentials a connector renewed (a refreshed token), sealed; inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceCredentials(Channel channel, Map<String, String> credentials) {
        channel.credentials = cipher.seal(credentials, channel.credentialsAssociatedData());
        channel.credentialsUpdatedAt = now();
    }

    /** The opened credentials of a channel already read (empty when it has none). */
    public Map<String, String> open(Channel channel) {
        return channel.credentials == null ? Map.of() : cipher.open(channel.credentials, channel.credentialsAssociatedData());
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
            channel.credentials = cipher.seal(settings.credentials(), channel.credentialsAssociatedData());
            channel.credentialsUpdatedAt = now;
            // New credentials are a reconnection.
            channel.status = Channel.CONNECTED;
            channel.lastError = null;
            LOG.debugf("Sealed new credentials for channel %s (%s)", channel.id, settings);
        }
        channel.updatedAt = now;
    }

    private static void requireValid(ChannelSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(settings.timeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone (e.g. Europe/Tallinn)"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < settings.postingWindows().size(); i++) {
            Channel.PostingWindow window = settings.postingWindows().get(i);
            if (!LocalTime.parse(window.start()).isBefore(LocalTime.parse(window.end()))) {
                errors.add(new FieldError("postingWindows[" + i + "].end", "must be after start"));
            }
            if (!seen.add(window.weekday() + window.start() + window.end())) {
                errors.add(new FieldError("postingWindows[" + i + "]", "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
