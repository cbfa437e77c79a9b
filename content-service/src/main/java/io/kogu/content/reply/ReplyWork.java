package io.kogu.content.reply;

import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.SendLoop;
import io.kogu.content.publish.SendQueue;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.ReplyPost;
import io.kogu.content.publish.connector.Replying;
import io.kogu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The replier's steps that touch the database, each its own short transaction, as {@code PublicationWork}'s are
 * for publications and on the same {@link SendQueue}: claim, prepare (noting {@code sending_at}), record. The
 * network call happens between them, outside any transaction. An ended reply (published, failed, unconfirmed) of
 * a conversation is handed to audience-service through the outbox ({@link AudienceReplyOutcomes}).
 */
@ApplicationScoped
public class ReplyWork {

    private static final Logger LOG = Logger.getLogger(ReplyWork.class);
    /** The outbox event that carries a reply's outcome to audience-service. */
    public static final String OUTCOME_EVENT = "reply.outcome";

    /** One claimed reply; {@code takenOver} when a dead replica's claim was taken after its lease. */
    public record Claim(UUID id, String network, String token, boolean takenOver) {
    }

    /** What one attempt needs: the reply, the account with its credentials opened, the connector. */
    public record Prepared(ReplyPost reply, Account account, Connector connector, Replying replying) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    SendQueue queue;

    @Inject
    ChannelService channels;

    @Inject
    Connectors connectors;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claim> claim(String token, Instant now, int limit) {
        return queue.claim(SendQueue.Table.REPLY, token, now, limit).stream()
                .map(c -> new Claim(c.id(), c.network(), token, c.takenOver())).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int extendLeases(Collection<String> tokens, Instant now) {
        return queue.extendLeases(SendQueue.Table.REPLY, tokens, now);
    }

    /**
     * A dead replica held this reply. Nothing sent yet: it is simply tried now (true). Its call had begun: tried
     * again where the network makes a repeat safe (true), else {@code unconfirmed} (false).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean interrupted(Claim claim, boolean repeatIsSafe) {
        Reply reply = held(claim);
        if (reply == null) {
            return false;
        }
        if (reply.sendingAt == null) {
            return true;
        }
        if (repeatIsSafe) {
            reply.sendingAt = null;
            return true;
        }
        finish(reply, Reply.UNCONFIRMED, SendQueue.interruptedReason(reply.network, false), now());
        return false;
    }

    /**
     * Reads what the attempt needs and notes that its network call begins ({@code sending_at}, committed before
     * the call). Null when the claim is no longer this replica's. A reply that cannot be tried fails here.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Prepared prepare(Claim claim) throws PublishFailure {
        Reply reply = held(claim);
        if (reply == null) {
            return null;
        }
        Channel channel = Channel.<Channel>find("id = ?1 and workspaceId = ?2", reply.channelId, reply.workspaceId)
                .firstResult();
        if (channel == null) {
            throw PublishFailure.rejected(null, "channel_gone", "The channel was disconnected: connect it again");
        }
        Connector connector = connectors.forNetwork(channel.network).orElse(null);
        if (!(connector instanceof Replying replying)) {
            throw PublishFailure.rejected(null, "no_connector", "Kogu cannot post replies on " + channel.network + " yet");
        }
        Account account = channels.account(channel);
        queue.sending(SendQueue.Table.REPLY, reply.id, now());
        return new Prepared(new ReplyPost(reply.id, reply.text, reply.inReplyTo, reply.inReplyToRoot), account,
                connector, replying);
    }

    /** Records how the attempt ended, with the renewed credentials and the outcome for audience-service. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Claim claim, Prepared prepared, SendLoop.Outcome<Published> outcome) {
        Instant now = now();
        Reply reply = entityManager.find(Reply.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
        if (reply == null) {
            LOG.warnf("Reply %s is gone; its attempt ended %s", claim.id(), outcome.value() != null ? "published" : "not published");
            return;
        }
        if (prepared != null && prepared.account().credentialsReplaced()) {
            Channel channel = Channel.findById(prepared.account().channelId());
            if (channel != null) {
                channels.replaceCredentials(channel, prepared.account().credentials());
            }
        }
        boolean stillOurs = Reply.PUBLISHING.equals(reply.state) && claim.token().equals(reply.claimedBy);
        Published published = outcome.value();
        if (!stillOurs) {
            // Taken over after this replica's lease ran out: a reply that is out is the truth, anything else
            // leaves what the other replica decided.
            if (published != null && Reply.UNCONFIRMED.equals(reply.state)) {
                published(reply, published, now);
            }
            return;
        }
        if (published != null) {
            published(reply, published, now);
            return;
        }
        SendQueue.Decision decision = queue.afterFailure(outcome.failure(),
                prepared != null && prepared.connector().repeatIsSafe(), outcome.refreshed(), reply.roundAttempts,
                reply.network, reply.channelId, now);
        if (!decision.retried()) {
            finish(reply, decision.state(), decision.reason(), now);
            return;
        }
        reply.state = Reply.QUEUED;
        reply.nextAttemptAt = decision.retryAt();
        reply.reason = decision.reason();
        release(reply, now);
    }

    private void published(Reply reply, Published published, Instant now) {
        reply.externalId = published.externalId();
        reply.url = published.url();
        reply.publishedAt = now;
        finish(reply, Reply.PUBLISHED, null, now);
    }

    private void finish(Reply reply, String state, String reason, Instant now) {
        reply.state = state;
        reply.reason = reason;
        release(reply, now);
        if (reply.conversationId != null) {
            outbox.write(UUID.randomUUID(), reply.workspaceId, OUTCOME_EVENT, outcome(reply));
        }
    }

    private static void release(Reply reply, Instant now) {
        reply.claimedBy = null;
        reply.leaseUntil = null;
        reply.sendingAt = null;
        reply.version++;
        reply.updatedAt = now;
    }

    /** audience-service's {@code POST /v1/reply-outcomes} body (INTERFACES.md B). */
    static Map<String, Object> outcome(Reply reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replyId", reply.id.toString());
        body.put("conversationId", reply.conversationId.toString());
        body.put("state", reply.state);
        body.put("externalId", reply.externalId);
        body.put("url", reply.url);
        body.put("error", reply.reason);
        body.put("publishedAt", reply.publishedAt == null ? null : reply.publishedAt.toString());
        return body;
    }

    private Reply held(Claim claim) {
        Reply reply = entityManager.find(Reply.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
        return reply != null && Reply.PUBLISHING.equals(reply.state) && claim.token().equals(reply.claimedBy) ? reply : null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
