package io.kogu.content.collect;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.EngagementSource;
import io.kogu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The collector's steps that touch the database, each its own short transaction (as {@code PublicationWork} does
 * for publishing): claim due readings, open a channel's account, record what a reading found. The network calls
 * happen between them, outside any transaction.
 */
@ApplicationScoped
public class EngagementWork {

    /** The outbox event that carries one reading's events to metrics-service ({@link MetricsEngagement}). */
    public static final String READING_EVENT = "engagement.reading";

    /** One claimed reading: the publication, its post on the network, and the number this reading has. */
    public record Claim(UUID publicationId, String workspaceId, UUID channelId, String network, String externalId,
                        Instant publishedAt, int reading, String token) {
    }

    /** What a reading found for one post: its counters (null: the network did not show it) and its engagers. */
    public record Found(Map<String, Long> counters, List<EngagementSource.Engager> engagers) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    ChannelService channels;

    @Inject
    CollectionChannels collectionChannels;

    @Inject
    Outbox outbox;

    @Inject
    CollectorSettings settings;

    /**
     * Claims up to {@code limit} due readings of channels that are connected and not asked to wait, and those whose
     * claim's lease ran out. {@code FOR UPDATE SKIP LOCKED}: two replicas never claim the same publication.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(String token, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select e.publication_id, e.workspace_id, e.channel_id, e.network, e.external_id, e.published_at,
                               e.readings
                        from engagement_collection e
                        join channel c on c.id = e.channel_id
                        where e.next_reading_at <= :now and (e.lease_until is null or e.lease_until < :now)
                          and c.status = 'connected'
                          and (c.collection_blocked_until is null or c.collection_blocked_until <= :now)
                        order by e.next_reading_at
                        limit :limit
                        for update of e skip locked""")
                .setParameter("now", now).setParameter("limit", limit).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        entityManager.createNativeQuery("""
                        update engagement_collection set claimed_by = :token, lease_until = :until
                        where publication_id in (:ids)""")
                .setParameter("token", token).setParameter("until", now.plus(settings.lease()))
                .setParameter("ids", ids).executeUpdate();
        return rows.stream().map(r -> new Claim((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                io.kogu.platform.sql.Sql.toInstant(r[5]), ((Number) r[6]).intValue(), token)).toList();
    }

    /** The channel's account with its credentials opened; null when the channel is gone. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Account account(UUID channelId) {
        Channel channel = Channel.findById(channelId);
        if (channel == null) {
            return null;
        }
        return channels.account(channel);
    }

    /**
     * Records the readings of one batch: per post, the counter snapshots and the new engagers as one outbox message
     * for metrics-service, the reading counted and the next one planned; the renewed credentials of the account.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(List<Claim> claims, Map<UUID, Found> found, Account account, Instant now, ReadingSchedule schedule) {
        for (Claim claim : claims) {
            if (!stillOurs(claim)) {
                continue;
            }
            Found reading = found.get(claim.publicationId());
            if (reading != null && reading.counters() != null) {
                List<Map<String, Object>> events = events(claim, reading, now);
                if (!events.isEmpty()) {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("publicationId", claim.publicationId().toString());
                    payload.put("reading", claim.reading());
                    payload.put("events", events);
                    outbox.write(UUID.randomUUID(), claim.workspaceId(), READING_EVENT, payload);
                }
            }
            entityManager.createNativeQuery("""
                            update engagement_collection set readings = readings + 1, last_reading_at = :now,
                                next_reading_at = :next, claimed_by = null, lease_until = null,
                                last_error = :error
                            where publication_id = :id""")
                    .setParameter("now", now).setParameter("next", schedule.next(claim.publishedAt(), now))
                    .setParameter("error", reading == null || reading.counters() == null
                            ? "the network did not show the post (deleted, or not visible to the channel)" : null)
                    .setParameter("id", claim.publicationId()).executeUpdate();
        }
        if (account != null && account.credentialsReplaced()) {
            Channel channel = Channel.findById(account.channelId());
            if (channel != null) {
                channels.replaceCredentials(channel, account.credentials());
            }
        }
    }

    /**
     * The events of one reading. Engagers not sent before become one event each (count 1, with their handle, the
     * event id derived from publication, type and actor, so a person counts once however often they are read);
     * every counter becomes a snapshot (event id from publication, type and reading number: a repeated delivery
     * counts once) of what the engagers sent so far do not already count, never below zero.
     */
    List<Map<String, Object>> events(Claim claim, Found reading, Instant now) {
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Long> sentPerType = new LinkedHashMap<>();
        if (!reading.engagers().isEmpty()) {
            Set<String> known = new HashSet<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                            "select type, actor_id from engagement_actor where publication_id = :id")
                    .setParameter("id", claim.publicationId()).getResultList();
            rows.forEach(r -> known.add(r[0] + " " + r[1]));
            for (EngagementSource.Engager engager : reading.engagers()) {
                if (!known.add(engager.type() + " " + engager.actorId())) {
                    continue;
                }
                entityManager.createNativeQuery("""
                                insert into engagement_actor (publication_id, type, actor_id) values (:id, :type, :actor)
                                on conflict do nothing""")
                        .setParameter("id", claim.publicationId()).setParameter("type", engager.type())
                        .setParameter("actor", engager.actorId()).executeUpdate();
                Map<String, Object> event = event(claim, engager.type(), "a:" + engager.actorId(), now);
                event.put("count", 1);
                event.put("actorHandle", engager.handle());
                events.add(event);
            }
            for (String entry : known) {
                sentPerType.merge(entry.substring(0, entry.indexOf(' ')), 1L, Long::sum);
            }
        }
        reading.counters().forEach((type, total) -> {
            Map<String, Object> event = event(claim, type, "r" + claim.reading(), now);
            event.put("total", Math.max(0, total - sentPerType.getOrDefault(type, 0L)));
            events.add(event);
        });
        return events;
    }

    private static Map<String, Object> event(Claim claim, String type, String suffix, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "kogu:" + claim.publicationId() + ":" + type + ":" + suffix);
        event.put("publicationId", claim.publicationId().toString());
        event.put("type", type);
        event.put("occurredAt", now.toString());
        return event;
    }

    /** The channel refused its access even after one renewal: it needs reconnecting; its readings stop until then. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(UUID channelId, List<Claim> claims, String reason) {
        collectionChannels.refused(channelId, reason);
        release(claims, null, reason);
    }

    /** The network asked the channel to wait (429): none of its readings before then; nothing is counted as read. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rateLimited(UUID channelId, List<Claim> claims, Instant until, String reason) {
        collectionChannels.waitUntil(channelId, until);
        release(claims, null, reason);
    }

    /** Another failure: the readings are tried again after {@code retryAfter}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(List<Claim> claims, Instant now, String reason) {
        release(claims, now.plus(settings.retryAfter()), reason);
    }

    private void release(List<Claim> claims, Instant next, String reason) {
        for (Claim claim : claims) {
            entityManager.createNativeQuery("""
                            update engagement_collection set claimed_by = null, lease_until = null, last_error = :error,
                                next_reading_at = coalesce(cast(:next as timestamptz), next_reading_at)
                            where publication_id = :id and claimed_by = :token""")
                    .setParameter("error", reason).setParameter("next", next == null ? null : next.toString())
                    .setParameter("id", claim.publicationId()).setParameter("token", claim.token()).executeUpdate();
        }
    }

    private boolean stillOurs(Claim claim) {
        Object token = entityManager.createNativeQuery(
                        "select claimed_by from engagement_collection where publication_id = :id for update")
                .setParameter("id", claim.publicationId()).getResultStream().findFirst().orElse(null);
        return claim.token().equals(token);
    }

    /** Starts the readings of a post that is out (called in the transaction that records it published). */
    public void start(UUID publicationId, String workspaceId, UUID channelId, String network, String externalId,
                      Instant publishedAt) {
        Instant first = new ReadingSchedule(settings.schedule(), settings.until()).first(publishedAt);
        if (first == null || externalId == null) {
            return;
        }
        entityManager.createNativeQuery("""
                        insert into engagement_collection (publication_id, workspace_id, channel_id, network, external_id,
                                                           published_at, next_reading_at)
                        values (:id, :workspace, :channel, :network, :external, :published, :first)
                        on conflict (publication_id) do nothing""")
                .setParameter("id", publicationId).setParameter("workspace", workspaceId)
                .setParameter("channel", channelId).setParameter("network", network)
                .setParameter("external", externalId).setParameter("published", publishedAt)
                .setParameter("first", first).executeUpdate();
    }

    /** How long {@code until} is from {@code now}, at least zero. */
    static Duration between(Instant now, Instant until) {
        Duration d = Duration.between(now, until);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
