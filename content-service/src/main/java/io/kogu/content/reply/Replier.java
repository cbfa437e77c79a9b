package io.kogu.content.reply;

import io.kogu.content.channel.ChannelSuccesses;
import io.kogu.content.publish.PublisherSettings;
import io.kogu.content.publish.SendLoop;
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
import java.util.Collection;
import java.time.Instant;
import java.util.List;

/**
 * Posts queued replies; runs in every replica, on the publisher's {@link SendLoop} and settings
 * ({@code kogu.publisher.*}): the same claims, leases, workers and retries as publications.
 */
@ApplicationScoped
public class Replier {

    private static final Logger LOG = Logger.getLogger(Replier.class);

    @Inject
    ReplyWork work;

    @Inject
    Connectors connectors;

    @Inject
    PublisherSettings settings;

    @Inject
    ChannelSuccesses channelSuccesses;

    @Inject
    Clock clock;

    private SendLoop<ReplyWork.Claim> loop;

    @PostConstruct
    void init() {
        loop = new SendLoop<>("replier", new SendLoop.Work<>() {
            @Override
            public List<ReplyWork.Claim> claim(String token, Instant now, int limit) {
                return work.claim(token, now, limit);
            }

            @Override
            public void attempt(ReplyWork.Claim claim) {
                Replier.this.attempt(claim);
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
            sendDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The replier's run failed; the next run tries again");
        }
    }

    @Scheduled(every = "{kogu.publisher.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        loop.heartbeat();
    }

    /** Posts the replies due now; answers how many were attempted. */
    public int sendDue() {
        return loop.sendDue();
    }

    void attempt(ReplyWork.Claim claim) {
        Connector connector = connectors.forNetwork(claim.network()).orElse(null);
        if (claim.takenOver() && !work.interrupted(claim, connector != null && connector.repeatIsSafe())) {
            return;
        }
        ReplyWork.Prepared prepared;
        try {
            prepared = work.prepare(claim);
        } catch (PublishFailure failure) {
            work.record(claim, null, new SendLoop.Outcome<>(null, failure, false));
            return;
        }
        if (prepared == null) {
            return; // taken over by another replica after this one's lease ran out: it decides
        }
        SendLoop.Outcome<Published> outcome = SendLoop.call(prepared.connector(), prepared.account(),
                "reply " + prepared.reply().replyId(), () -> prepared.replying().reply(prepared.reply(), prepared.account()));
        work.record(claim, prepared, outcome);
        if (outcome.value() != null) {
            channelSuccesses.succeeded(prepared.account().channelId(), clock.instant());
        }
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }
}
