package io.kogu.content.collect;

import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.EngagementSource;
import io.kogu.content.publish.connector.PublishFailure;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads published posts' engagement back (issue 12; docs/content.md "Engagement collection"); runs in every
 * replica. Each run claims due readings ({@link EngagementWork#claim}: {@code FOR UPDATE SKIP LOCKED} and a lease),
 * reads them channel by channel in the network's batches (Bluesky 25 posts a call, Mastodon 20, X 100), and
 * records each batch in a transaction of its own, with the events for metrics-service in the outbox. A 429 makes
 * only that channel wait (its {@code Retry-After}); a token refused after one renewal turns only that channel
 * {@code needs_reconnect} and stops its readings; other channels go on.
 */
@ApplicationScoped
public class EngagementCollector {

    private static final Logger LOG = Logger.getLogger(EngagementCollector.class);

    @Inject
    EngagementWork work;

    @Inject
    Connectors connectors;

    @Inject
    CollectorSettings settings;

    @Inject
    Clock clock;

    private final String replica = "collector-" + UUID.randomUUID();

    @Scheduled(identity = "kogu-collector", every = "{kogu.collector.poll-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (!settings.enabled()) {
            return;
        }
        try {
            collectDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf(e, "The engagement collector's run failed; the next run tries again");
        }
    }

    /** The schedule the settings describe. */
    public ReadingSchedule schedule() {
        return new ReadingSchedule(settings.schedule(), settings.until());
    }

    /** Takes every reading due at {@code now}, batch after batch; answers how many posts were claimed. */
    public int collectDue(Instant now) {
        int claimed = 0;
        List<EngagementWork.Claim> claims;
        do {
            claims = work.claim(replica + "/" + UUID.randomUUID(), now, settings.batch());
            Map<UUID, List<EngagementWork.Claim>> byChannel = new LinkedHashMap<>();
            claims.forEach(c -> byChannel.computeIfAbsent(c.channelId(), k -> new ArrayList<>()).add(c));
            byChannel.forEach((channel, ofChannel) -> collectChannel(channel, ofChannel, now));
            claimed += claims.size();
        } while (claims.size() == settings.batch());
        return claimed;
    }

    private void collectChannel(UUID channelId, List<EngagementWork.Claim> claims, Instant now) {
        String network = claims.get(0).network();
        Connector connector = connectors.forNetwork(network).orElse(null);
        if (!(connector instanceof EngagementSource source)) {
            work.failed(claims, now.plus(settings.until()), "Kogu cannot read engagement back from " + network);
            return;
        }
        Account account;
        try {
            account = work.account(channelId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Opening channel %s for engagement collection failed", channelId);
            work.failed(claims, now, "the channel's credentials could not be opened");
            return;
        }
        if (account == null) {
            work.failed(claims, now.plus(settings.until()), "the channel is gone");
            return;
        }
        ReadingSchedule schedule = schedule();
        int size = Math.max(1, source.countersBatch());
        for (int from = 0; from < claims.size(); from += size) {
            List<EngagementWork.Claim> batch = claims.subList(from, Math.min(claims.size(), from + size));
            try {
                Map<UUID, EngagementWork.Found> found = read(source, connector, account, batch);
                work.record(batch, found, account, now, schedule);
            } catch (PublishFailure failure) {
                List<EngagementWork.Claim> rest = claims.subList(from, claims.size());
                if (failure.outcome() == PublishFailure.Outcome.UNAUTHORIZED) {
                    LOG.warnf("Channel %s refused engagement collection: %s", channelId, failure.reason());
                    work.refused(channelId, rest, failure.reason());
                } else if (failure.retryAfter() != null) {
                    work.rateLimited(channelId, rest, now.plus(failure.retryAfter()), failure.reason());
                } else {
                    work.failed(rest, now, failure.reason());
                }
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reading engagement of channel %s failed unexpectedly", channelId);
                work.failed(claims.subList(from, claims.size()), now, "Kogu failed while reading engagement ("
                        + e.getClass().getSimpleName() + ")");
                return;
            }
        }
    }

    /** One batch: its counters, then per post its engagers; access is renewed once when the network refuses it. */
    private Map<UUID, EngagementWork.Found> read(EngagementSource source, Connector connector, Account account,
                                                 List<EngagementWork.Claim> batch) throws PublishFailure {
        List<String> ids = batch.stream().map(EngagementWork.Claim::externalId).distinct().toList();
        Map<String, Map<String, Long>> counters = withRenewal(connector, account, () -> source.counters(account, ids));
        Map<UUID, EngagementWork.Found> found = new HashMap<>();
        for (EngagementWork.Claim claim : batch) {
            Map<String, Long> counts = counters.get(claim.externalId());
            List<EngagementSource.Engager> engagers = List.of();
            if (counts != null && settings.engagers()) {
                engagers = withRenewal(connector, account,
                        () -> source.engagers(account, claim.externalId(), settings.engagersLimit()));
            }
            found.put(claim.publicationId(), new EngagementWork.Found(counts, engagers));
        }
        return found;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws PublishFailure;
    }

    private static <T> T withRenewal(Connector connector, Account account, Call<T> call) throws PublishFailure {
        try {
            return call.run();
        } catch (PublishFailure failure) {
            if (failure.outcome() != PublishFailure.Outcome.UNAUTHORIZED) {
                throw failure;
            }
            try {
                connector.refresh(account);
            } catch (PublishFailure refreshFailed) {
                throw PublishFailure.unauthorized(failure.httpStatus(), failure.errorCode(), failure.reason()
                        + "; renewing the access failed too: " + refreshFailed.reason());
            }
            return call.run();
        }
    }
}
