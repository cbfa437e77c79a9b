package io.kogu.content.publish;

import io.kogu.content.channel.ChannelSuccesses;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Publishes due publications; runs in every replica. Each run ({@link SendLoop}) claims a batch in PostgreSQL
 * ({@link PublicationWork#claim}: {@code FOR UPDATE SKIP LOCKED} and a lease), makes the attempts on a few
 * worker threads, each call to the network outside any transaction, and records each outcome in a transaction of
 * its own. What is retried, and why, is in docs/content.md ("Publishing").
 */
@ApplicationScoped
public class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class);

    @Inject
    PublicationWork work;

    @Inject
    Connectors connectors;

    @Inject
    PublisherSettings settings;

    @Inject
    PublishingMeters meters;

    @Inject
    Clock clock;

    @Inject
    ChannelSuccesses channelSuccesses;

    private SendLoop<PublicationWork.Claim> loop;

    @PostConstruct
    void init() {
        loop = new SendLoop<>("publisher", new SendLoop.Work<>() {
            @Override
            public List<PublicationWork.Claim> claim(String token, Instant now, int limit) {
                return work.claim(token, now, limit);
            }

            @Override
            public void attempt(PublicationWork.Claim claim) {
                Publisher.this.attempt(claim);
            }

            @Override
            public int extendLeases(Collection<String> tokens, Instant now) {
                return work.extendLeases(tokens, now);
            }
        }, settings, clock);
    }

    @Scheduled(every = "{kogu.publisher.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            publishDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The publisher's run failed; the next run tries again");
        } finally {
            meters.measure();
        }
    }

    /**
     * Extends the leases of the claims this replica is working on, so that a lease runs out only when its replica
     * is gone (or cannot reach the database): the lease can then be short, and a dead replica's work is taken over
     * soon.
     */
    @Scheduled(every = "{kogu.publisher.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        loop.heartbeat();
    }

    /** Publishes what is due now; answers how many publications were attempted ({@link SendLoop#sendDue}). */
    public int publishDue() {
        return loop.sendDue();
    }

    void attempt(PublicationWork.Claim claim) {
        Connector connector = connectors.forNetwork(claim.network()).orElse(null);
        if (claim.takenOver() && !work.interrupted(claim, connector != null && connector.repeatIsSafe())) {
            return;
        }
        Instant started = clock.instant();
        PublicationWork.Prepared prepared;
        try {
            prepared = work.prepare(claim);
        } catch (PublishFailure failure) {
            work.record(claim, null, new PublicationWork.Result(started, null, failure, false));
            return;
        }
        if (prepared == null) {
            return; // taken over by another replica after this one's lease ran out: it decides
        }
        SendLoop.Outcome<Published> outcome = SendLoop.call(prepared.connector(), prepared.account(),
                "publication " + prepared.post().publicationId(),
                () -> prepared.connector().publish(prepared.post(), prepared.account()));
        PublicationWork.Result result = new PublicationWork.Result(started, outcome.value(), outcome.failure(),
                outcome.refreshed());
        work.record(claim, prepared, result);
        if (result.published() != null) {
            channelSuccesses.succeeded(prepared.account().channelId(), clock.instant());
        }
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }
}
