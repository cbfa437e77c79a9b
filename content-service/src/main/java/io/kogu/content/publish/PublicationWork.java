package io.kogu.content.publish;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.draft.DraftContent;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.EngagementSource;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The publisher's steps that touch the database, each its own short transaction: claim, read what an attempt
 * needs, record what came of it. The network call happens between them, outside any transaction.
 */
@ApplicationScoped
public class PublicationWork {

    private static final Logger LOG = Logger.getLogger(PublicationWork.class);
    public static final String PUBLISHED_EVENT = "publication.published";

    /** One claimed publication; {@code takenOver} when a dead replica's claim was taken after its lease. */
    public record Claim(UUID id, String network, String token, boolean takenOver) {
    }

    /** What one attempt needs: the post as approved, the account with its credentials opened. */
    public record Prepared(Post post, Account account, Connector connector) {
    }

    /** How an attempt ended: exactly one of {@code published} and {@code failure}. */
    public record Result(Instant startedAt, Published published, PublishFailure failure, boolean refreshed) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    ChannelService channels;

    @Inject
    Connectors connectors;

    @Inject
    Publications publications;

    @Inject
    Outbox outbox;

    @Inject
    PublishingMeters meters;

    @Inject
    Clock clock;

    @Inject
    SendQueue queue;

    @Inject
    io.kogu.content.collect.EngagementWork engagement;

    /**
     * Claims up to {@code limit} publications: queued ones whose time has come (of channels not rate-limited), and
     * those left {@code publishing} by a replica whose lease ran out. {@code FOR UPDATE SKIP LOCKED}: two
     * replicas never claim the same row.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(String token, Instant now, int limit) {
        return queue.claim(SendQueue.Table.PUBLICATION, token, now, limit).stream()
                .map(c -> new Claim(c.id(), c.network(), token, c.takenOver())).toList();
    }

    /**
     * Keeps this replica's claims alive while their attempts run: their lease is extended, so that only a dead
     * replica's claims run out. Answers how many were extended.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int extendLeases(java.util.Collection<String> tokens, Instant now) {
        return queue.extendLeases(SendQueue.Table.PUBLICATION, tokens, now);
    }

    /**
     * The replica that held this publication died during its claim. If its network call had not begun, nothing
     * went out and the publication is simply tried now (answers true). Otherwise the attempt is recorded as
     * interrupted: where the network makes a repeat safe, the publication is tried again now (true); elsewhere it
     * is {@code unconfirmed} (false).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean interrupted(Claim claim, boolean repeatIsSafe) {
        Publication publication = held(claim);
        if (publication == null) {
            return false;
        }
        if (publication.sendingAt == null) {
            return true;
        }
        Instant now = now();
        String reason = SendQueue.interruptedReason(publication.network, repeatIsSafe);
        attempt(publication, publication.sendingAt, now, "interrupted", null, "interrupted", reason, null);
        meters.attempt(publication.network, "interrupted");
        if (repeatIsSafe) {
            publication.sendingAt = null;
            return true;
        }
        finish(publication, Publication.UNCONFIRMED, reason, now);
        return false;
    }

    /**
     * Reads the post and the account for an attempt, and notes that its network call begins ({@code sending_at},
     * committed before the call: from then on a replica taking the claim over must assume the post may be out).
     * Answers null when the claim is no longer this replica's (taken over after its lease ran out): nothing is
     * sent. A publication that cannot be tried fails here.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Prepared prepare(Claim claim) throws PublishFailure {
        Publication publication = held(claim);
        if (publication == null) {
            return null;
        }
        Channel channel = Channel.<Channel>find("id = ?1 and workspaceId = ?2", publication.channelId, publication.workspaceId)
                .firstResult();
        if (channel == null) {
            throw PublishFailure.rejected(null, "channel_gone",
                    "The channel was disconnected: connect it again, then schedule the draft again");
        }
        Connector connector = connectors.forNetwork(channel.network).orElseThrow(() -> PublishFailure.rejected(null,
                "no_connector", "Kogu cannot publish to " + channel.network + " yet"));
        Account account = channels.account(channel);
        int attempt = nextAttemptNumber(publication.id);
        PublicationContent content = publication.content;
        List<PostMedia> media = new ArrayList<>();
        for (DraftContent.Media m : content.media()) {
            media.add(new PostMedia(URI.create(m.url()), m.kind(), m.altText(), null,
                    m.durationSeconds() == null ? null : (int) Math.round(m.durationSeconds())));
        }
        Post post = new Post(publication.id, publication.draftId, attempt, content.text(), content.title(), content.link(),
                media, content.firstComment(), null, content.tags(), new HashMap<>(publication.progress));
        queue.sending(SendQueue.Table.PUBLICATION, publication.id, now());
        return new Prepared(post, account, connector);
    }

    /**
     * Records an attempt and what follows from it, in one transaction: the publication's state, the channel's
     * health and renewed credentials, the outbox event of a published post, the slot and the draft.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Claim claim, Prepared prepared, Result result) {
        Instant now = now();
        Publication publication = entityManager.find(Publication.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
        if (publication == null) {
            LOG.warnf("Publication %s is gone; its attempt ended %s", claim.id(), result.published() != null ? "published" : "not published");
            return;
        }
        boolean stillOurs = Publication.PUBLISHING.equals(publication.state) && claim.token().equals(publication.claimedBy);
        if (prepared != null) {
            publication.progress = new HashMap<>(prepared.post().progress());
            if (prepared.account().credentialsReplaced()) {
                Channel channel = Channel.findById(prepared.account().channelId());
                if (channel != null) {
                    channels.replaceCredentials(channel, prepared.account().credentials());
                }
            }
        }
        Published published = result.published();
        PublishFailure failure = result.failure();
        String outcome = published != null ? "published" : failure.outcome().name().toLowerCase(java.util.Locale.ROOT);
        meters.attempt(publication.network, outcome);
        attempt(publication, result.startedAt(), now, outcome, failure == null ? null : failure.httpStatus(),
                failure == null ? null : failure.errorCode(), failure == null ? null : failure.reason(), null);
        if (!stillOurs) {
            // Another replica took it over after this one's lease ran out. A post that is out is the truth;
            // anything else leaves what the other replica decided.
            if (published != null && Publication.UNCONFIRMED.equals(publication.state)) {
                published(publication, published, now);
            }
            return;
        }
        if (published != null) {
            published(publication, published, now);
            return;
        }
        SendQueue.Decision decision = queue.afterFailure(failure, prepared != null && prepared.connector().repeatIsSafe(),
                result.refreshed(), publication.roundAttempts, publication.network, publication.channelId, now);
        if (!decision.retried()) {
            finish(publication, decision.state(), decision.reason(), now);
            return;
        }
        publication.state = Publication.QUEUED;
        publication.nextAttemptAt = decision.retryAt();
        publication.reason = decision.reason();
        publication.claimedBy = null;
        publication.leaseUntil = null;
        publication.sendingAt = null;
        publication.updatedAt = now;
    }

    /**
     * The post is out: published, metrics-service told (outbox), slot and draft move on. (The channel's health is
     * kept by the publisher after this transaction: {@code ChannelSuccesses}.)
     */
    void published(Publication publication, Published published, Instant now) {
        publication.state = Publication.PUBLISHED;
        publication.externalId = published.externalId() == null || published.externalId().isBlank()
                ? publication.id.toString() : published.externalId();
        publication.url = published.url();
        publication.publishedAt = now;
        publication.reason = null;
        publication.claimedBy = null;
        publication.leaseUntil = null;
        publication.sendingAt = null;
        publication.updatedAt = now;
        meters.published(publication.network, publication.dueAt, now);
        outbox.write(UUID.randomUUID(), publication.workspaceId, PUBLISHED_EVENT, event(publication,
                entityManager.find(Channel.class, publication.channelId), published.followerCount()));
        // Its engagement is read back from now on, where the network allows it (issue 12).
        if (connectors.forNetwork(publication.network).filter(c -> c instanceof EngagementSource).isPresent()) {
            engagement.start(publication.id, publication.workspaceId, publication.channelId, publication.network,
                    publication.externalId, now);
        }
        publications.ended(publication);
    }

    /**
     * The event metrics-service receives (its {@code PublicationInput}), with what a screen shows next to the id:
     * the channel's name and the publication's title (issue 11).
     */
    static Map<String, Object> event(Publication publication, Channel channel, Long followerCount) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", publication.id.toString());
        event.put("draftId", publication.draftId.toString());
        event.put("channelId", publication.channelId.toString());
        event.put("network", publication.network);
        event.put("externalPostId", publication.externalId);
        if (publication.url != null) {
            event.put("url", publication.url);
        }
        String channelName = channel == null ? null : shown(channel.displayName != null && !channel.displayName.isBlank()
                ? channel.displayName : channel.handle);
        if (channelName != null) {
            event.put("channelName", channelName);
        }
        String title = title(publication.content);
        if (title != null) {
            event.put("title", title);
        }
        event.put("publishedAt", publication.publishedAt.toString());
        event.put("tags", publication.content.tags());
        if (publication.content.campaign() != null) {
            event.put("campaign", publication.content.campaign());
        }
        event.put("targetSegmentIds", publication.content.targetSegmentIds().stream().map(UUID::toString).toList());
        if (followerCount != null) {
            event.put("followerCount", followerCount);
        }
        return event;
    }

    /** The draft's title, else the first non-blank line of the post's text; at most 200 characters. */
    static String title(PublicationContent content) {
        if (content.title() != null && !content.title().isBlank()) {
            return shown(content.title());
        }
        if (content.text() == null) {
            return null;
        }
        return content.text().lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                .map(PublicationWork::shown).orElse(null);
    }

    /** One line of at most 200 characters (metrics-service's limit), cut at a code point; null when blank. */
    private static String shown(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= 200) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, 199)) + "…";
    }

    void finish(Publication publication, String state, String reason, Instant now) {
        publication.state = state;
        publication.reason = reason;
        publication.claimedBy = null;
        publication.leaseUntil = null;
        publication.sendingAt = null;
        publication.updatedAt = now;
        publications.ended(publication);
    }

    /** The claim is still this one's: {@code publishing} under its token. */
    private Publication held(Claim claim) {
        Publication publication = entityManager.find(Publication.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
        return publication != null && Publication.PUBLISHING.equals(publication.state)
                && claim.token().equals(publication.claimedBy) ? publication : null;
    }

    int nextAttemptNumber(UUID publicationId) {
        return ((Number) entityManager.createNativeQuery(
                        "select coalesce(max(number), 0) + 1 from publication_attempt where publication_id = :id")
                .setParameter("id", publicationId).getSingleResult()).intValue();
    }

    void attempt(Publication publication, Instant started, Instant finished, String outcome, Integer httpStatus,
            String errorCode, String reason, String actor) {
        entityManager.createNativeQuery("""
                        insert into publication_attempt (publication_id, number, started_at, finished_at, outcome, http_status,
                            error_code, reason, actor)
                        values (:id, (select coalesce(max(number), 0) + 1 from publication_attempt where publication_id = :id),
                            :started, :finished, :outcome, cast(:status as integer), :code, :reason, :actor)""")
                .setParameter("id", publication.id).setParameter("started", started).setParameter("finished", finished)
                .setParameter("outcome", outcome).setParameter("status", httpStatus == null ? null : httpStatus.toString())
                .setParameter("code", truncate(errorCode, 200)).setParameter("reason", truncate(reason, 2000))
                .setParameter("actor", actor).executeUpdate();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
