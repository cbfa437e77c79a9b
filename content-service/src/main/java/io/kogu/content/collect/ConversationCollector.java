package io.kogu.content.collect;

import io.kogu.content.publish.SendLoop;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.PublishFailure;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reads what people say to each channel (issue 13; docs/content.md "Replies and conversation collection"): comments
 * on its posts, replies in their threads, mentions, and its own replies among them; runs in every replica. Each run
 * enrols new channels, claims due channel readings ({@link ConversationWork#claim}: {@code FOR UPDATE SKIP LOCKED}
 * and a lease), reads each through its connector ({@link ConversationSource}) outside any transaction, and records
 * the items for audience-service in the outbox, batched, with the cursor for the next reading. A 429 makes only that
 * channel wait; a token refused after one renewal turns only that channel {@code needs_reconnect}.
 */
@ApplicationScoped
public class ConversationCollector {

    private static final Logger LOG = Logger.getLogger(ConversationCollector.class);
    private static final int CLAIM = 20;

    @Inject
    ConversationWork work;

    @Inject
    Connectors connectors;

    @Inject
    CollectorSettings settings;

    @Inject
    Clock clock;

    private final String replica = "conversations-" + UUID.randomUUID();

    @Scheduled(identity = "kogu-conversations", every = "{kogu.collector.conversations-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (!settings.enabled()) {
            return;
        }
        try {
            collectDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf(e, "The conversation collector's run failed; the next run tries again");
        }
    }

    /** Reads every channel whose reading is due at {@code now}; answers how many channels were read. */
    public int collectDue(Instant now) {
        work.enrol(connectors.networks().stream()
                .filter(n -> connectors.forNetwork(n).orElse(null) instanceof ConversationSource).toList(), now);
        int read = 0;
        List<ConversationWork.Claim> claims;
        do {
            claims = work.claim(replica + "/" + UUID.randomUUID(), now, CLAIM);
            claims.forEach(claim -> read(claim, now));
            read += claims.size();
        } while (claims.size() == CLAIM);
        return read;
    }

    private void read(ConversationWork.Claim claim, Instant now) {
        Connector connector = connectors.forNetwork(claim.network()).orElse(null);
        if (!(connector instanceof ConversationSource source)) {
            work.failed(claim, now, "Kogu cannot read conversations from " + claim.network());
            return;
        }
        ConversationWork.Prepared prepared;
        try {
            prepared = work.prepare(claim, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Opening channel %s for conversation collection failed", claim.channelId());
            work.failed(claim, now, "the channel's credentials could not be opened");
            return;
        }
        if (prepared == null) {
            return; // the channel is gone, and its row with it
        }
        SendLoop.Outcome<ConversationSource.Reading> outcome = SendLoop.call(connector, prepared.account(),
                "a conversation reading", () -> source.conversations(prepared.account(), claim.cursor(),
                        prepared.ownPosts(), now.minus(settings.conversationsWindow()), settings.conversationsBatch()));
        PublishFailure failure = outcome.failure();
        if (failure == null) {
            try {
                work.record(claim, prepared, outcome.value(), now);
            } catch (RuntimeException e) {
                // Nothing of the reading was stored (one transaction) and the cursor stays; without this the claim
                // stayed leased and the channel unread for the lease (5 min). Seen: the channel's renewed session
                // lost an optimistic-lock race with a publication that renewed it at the same moment.
                LOG.warnf(e, "Storing a conversation reading of channel %s failed; it is read again at its next turn",
                        claim.channelId());
                work.notStored(claim, now, "storing the reading failed: " + e.getMessage());
            }
        } else if (failure.outcome() == PublishFailure.Outcome.UNAUTHORIZED) {
            LOG.warnf("Channel %s refused conversation collection: %s", claim.channelId(), failure.reason());
            work.refused(claim, failure.reason());
        } else if (failure.retryAfter() != null) {
            work.rateLimited(claim, now.plus(failure.retryAfter()), failure.reason());
        } else {
            work.failed(claim, now, failure.reason());
        }
    }
}
