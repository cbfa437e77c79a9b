package io.kogu.content.collect;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conversation collector's steps that touch the database, each its own short transaction (as
 * {@link EngagementWork}'s): enrol channels, claim due readings, open what a reading needs, record what it found
 * (the items for audience-service in the outbox, batched, and the cursor for the next reading).
 */
@ApplicationScoped
public class ConversationWork {

    /** The outbox event that carries a batch of items to audience-service's {@code POST /v1/conversation-items}. */
    public static final String ITEMS_EVENT = "conversation.items";

    /** One claimed channel reading. */
    public record Claim(UUID channelId, String workspaceId, String network, Map<String, String> cursor, String token) {
    }

    /** What a reading needs: the account, and the channel's recent posts by external id with their publication. */
    public record Prepared(Account account, List<ConversationSource.OwnPost> ownPosts) {
    }

    private static final TypeReference<Map<String, String>> CURSOR = new TypeReference<>() {
    };

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

    @Inject
    ObjectMapper json;

    /** Starts reading the connected channels of these networks that are not read yet: their first reading is now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int enrol(Collection<String> networks, Instant now) {
        if (networks.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                        insert into conversation_collection (channel_id, workspace_id, network, next_reading_at)
                        select c.id, c.workspace_id, c.network, :now from channel c
                        where c.status = 'connected' and c.network in (:networks)
                          and not exists (select 1 from conversation_collection k where k.channel_id = c.id)
                        on conflict (channel_id) do nothing""")
                .setParameter("now", now).setParameter("networks", networks).executeUpdate();
    }

    /** Claims up to {@code limit} due readings of connected channels not asked to wait, and those whose lease ran out. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(String token, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select k.channel_id, k.workspace_id, k.network, cast(k.cursor as text)
                        from conversation_collection k
                        join channel c on c.id = k.channel_id
                        where k.next_reading_at <= :now and (k.lease_until is null or k.lease_until < :now)
                          and c.status = 'connected'
                          and (c.collection_blocked_until is null or c.collection_blocked_until <= :now)
                        order by k.next_reading_at
                        limit :limit
                        for update of k skip locked""")
                .setParameter("now", now).setParameter("limit", limit).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        entityManager.createNativeQuery("""
                        update conversation_collection set claimed_by = :token, lease_until = :until
                        where channel_id in (:ids)""")
                .setParameter("token", token).setParameter("until", now.plus(settings.lease()))
                .setParameter("ids", rows.stream().map(r -> (UUID) r[0]).toList()).executeUpdate();
        List<Claim> claims = new ArrayList<>();
        for (Object[] row : rows) {
            claims.add(new Claim((UUID) row[0], (String) row[1], (String) row[2], cursor((String) row[3]), token));
        }
        return claims;
    }

    /** The channel's account and its recent posts; null when the channel is gone. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Prepared prepare(Claim claim, Instant now) {
        Channel channel = Channel.findById(claim.channelId());
        if (channel == null) {
            return null;
        }
        Account account = channels.account(channel);
        @SuppressWarnings("unchecked")
        List<Object[]> posts = entityManager.createNativeQuery("""
                        select cast(id as text), external_id from publication
                        where channel_id = :channel and state = 'published' and external_id is not null
                          and published_at > :from
                        order by published_at desc limit :limit""")
                .setParameter("channel", claim.channelId()).setParameter("from", now.minus(settings.conversationsWindow()))
                .setParameter("limit", settings.conversationsOwnPosts()).getResultList();
        return new Prepared(account, posts.stream()
                .map(r -> new ConversationSource.OwnPost((String) r[0], (String) r[1])).toList());
    }

    /**
     * Records a reading: its items, in messages of at most {@code conversations-batch} items, for audience-service
     * (the publication an item's thread belongs to named where its root is one of the channel's posts); the cursor
     * for the next reading; the renewed credentials of the account.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Claim claim, Prepared prepared, ConversationSource.Reading reading, Instant now) {
        if (!stillOurs(claim)) {
            return;
        }
        Map<String, String> publications = new HashMap<>();
        prepared.ownPosts().forEach(p -> publications.put(p.externalId(), p.publicationId()));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (ConversationSource.Item item : reading.items()) {
            batch.add(item(claim, item, publications.get(item.rootExternalId())));
            if (batch.size() == Math.max(1, settings.conversationsBatch())) {
                send(claim, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            send(claim, batch);
        }
        entityManager.createNativeQuery("""
                        update conversation_collection set cursor = cast(:cursor as jsonb), readings = readings + 1,
                            last_reading_at = :now, next_reading_at = :next, claimed_by = null, lease_until = null,
                            last_error = null
                        where channel_id = :id""")
                .setParameter("cursor", text(reading.cursor())).setParameter("now", now)
                .setParameter("next", now.plus(every())).setParameter("id", claim.channelId()).executeUpdate();
        Account account = prepared.account();
        if (account.credentialsReplaced()) {
            Channel channel = Channel.findById(account.channelId());
            if (channel != null) {
                channels.replaceCredentials(channel, account.credentials());
            }
        }
    }

    private void send(Claim claim, List<Map<String, Object>> items) {
        outbox.write(UUID.randomUUID(), claim.workspaceId(), ITEMS_EVENT, Map.of("items", items));
    }

    /** One item in audience-service's terms (INTERFACES.md A); absent values are left out. */
    static Map<String, Object> item(Claim claim, ConversationSource.Item item, String publicationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("network", claim.network());
        body.put("channelId", claim.channelId().toString());
        body.put("externalId", item.externalId());
        body.put("kind", item.kind());
        putIfPresent(body, "parentExternalId", item.parentExternalId());
        putIfPresent(body, "rootExternalId", item.rootExternalId());
        putIfPresent(body, "publicationId", publicationId);
        body.put("authorHandle", item.authorHandle() == null ? "unknown" : item.authorHandle());
        putIfPresent(body, "authorName", item.authorName());
        putIfPresent(body, "authorExternalId", item.authorExternalId());
        body.put("text", item.text() == null ? "" : item.text());
        putIfPresent(body, "url", item.url());
        body.put("occurredAt", (item.occurredAt() == null ? Instant.EPOCH : item.occurredAt()).toString());
        body.put("fromUs", item.fromUs());
        return body;
    }

    private static void putIfPresent(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value);
        }
    }

    /** The channel refused its access even after one renewal: it needs reconnecting; its readings stop until then. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(Claim claim, String reason) {
        collectionChannels.refused(claim.channelId(), reason);
        release(claim, null, reason);
    }

    /** The network asked the channel to wait (429): none of its readings before then. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rateLimited(Claim claim, Instant until, String reason) {
        collectionChannels.waitUntil(claim.channelId(), until);
        release(claim, null, reason);
    }

    /**
     * The reading could not be stored (its transaction was rolled back): read again at the channel's usual
     * cadence, with the credentials stored now; the cursor stays, so nothing is missed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void notStored(Claim claim, Instant now, String reason) {
        release(claim, now.plus(every()), reason);
    }

    /** Another failure: tried again after {@code retry-after}; the cursor stays, so nothing is missed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claim claim, Instant now, String reason) {
        release(claim, now.plus(settings.retryAfter()), reason);
    }

    private void release(Claim claim, Instant next, String reason) {
        entityManager.createNativeQuery("""
                        update conversation_collection set claimed_by = null, lease_until = null, last_error = :error,
                            next_reading_at = coalesce(cast(:next as timestamptz), next_reading_at)
                        where channel_id = :id and claimed_by = :token""")
                .setParameter("error", reason).setParameter("next", next == null ? null : next.toString())
                .setParameter("id", claim.channelId()).setParameter("token", claim.token()).executeUpdate();
    }

    private boolean stillOurs(Claim claim) {
        Object token = entityManager.createNativeQuery(
                        "select claimed_by from conversation_collection where channel_id = :id for update")
                .setParameter("id", claim.channelId()).getResultStream().findFirst().orElse(null);
        return claim.token().equals(token);
    }

    private Duration every() {
        String every = settings.conversationsEvery().strip();
        try {
            return every.equalsIgnoreCase("off") ? Duration.ofMinutes(1)
                    : Duration.parse(every.toUpperCase().startsWith("P") ? every : "PT" + every);
        } catch (RuntimeException e) {
            return Duration.ofMinutes(1);
        }
    }

    private Map<String, String> cursor(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, CURSOR);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String text(Map<String, String> cursor) {
        try {
            return json.writeValueAsString(cursor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
