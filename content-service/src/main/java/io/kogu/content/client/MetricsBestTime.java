package io.kogu.content.client;

import io.kogu.content.client.metrics.BestTimeApi;
import io.kogu.content.client.metrics.model.BestTimeRecommendations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Asks metrics-service for the best slots to post on a channel (its generated client, forwarding the caller's
 * token). Bounded so that scheduling never waits long or fails on it: 2.5 s, no retry, a circuit breaker, and a
 * fallback that answers nothing, so the caller falls back to the channel's posting windows.
 */
@ApplicationScoped
public class MetricsBestTime {

    private static final Logger LOG = Logger.getLogger(MetricsBestTime.class);

    @Inject
    @RestClient
    BestTimeApi bestTime;

    @Timeout(2500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10000)
    @Fallback(fallbackMethod = "unavailable")
    public Optional<BestTimeRecommendations> recommendations(UUID channelId, UUID segmentId, String zone, Instant from,
            Instant to, List<Instant> taken) throws Exception {
        return Optional.of(bestTime.getBestTimeRecommendations(channelId, null, segmentId, zone, 60, 16,
                from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), 50,
                taken.stream().limit(500).map(t -> t.atOffset(ZoneOffset.UTC)).toList()));
    }

    Optional<BestTimeRecommendations> unavailable(UUID channelId, UUID segmentId, String zone, Instant from, Instant to,
            List<Instant> taken, Throwable failure) {
        LOG.warnf("metrics-service gave no best time for channel %s (%s); the posting windows decide", channelId,
                failure.toString());
        return Optional.empty();
    }
}
