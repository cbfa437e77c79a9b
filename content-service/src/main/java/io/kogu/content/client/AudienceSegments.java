package io.kogu.content.client;

import io.kogu.content.client.audience.ApiException;
import io.kogu.content.client.audience.SegmentsApi;
import io.kogu.content.client.audience.model.Segment;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Asks audience-service which segments exist. Bounded so that a draft save never hangs on it: each attempt
 * times out after 1.2 s, one retry (the call is a read), a circuit breaker that stops asking a service that
 * keeps failing, and a fallback that answers 503 — all within 3 s.
 */
@ApplicationScoped
public class AudienceSegments {

    private static final Logger LOG = Logger.getLogger(AudienceSegments.class);
    private static final int MAX_IDS_PER_CALL = 200;

    @Inject
    @RestClient
    SegmentsApi segments;

    /** Those of {@code ids} that name a segment of the caller's workspace. */
    @Timeout(1200)
    @Retry(maxRetries = 1, delay = 100, maxDuration = 2800)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "unavailable")
    public Set<UUID> existing(List<UUID> ids) throws ApiException {
        List<UUID> asked = new ArrayList<>(ids);
        if (asked.size() > MAX_IDS_PER_CALL) {
            throw new IllegalArgumentException("At most " + MAX_IDS_PER_CALL + " segment ids per call");
        }
        return segments.listSegments(MAX_IDS_PER_CALL, null, asked).getItems().stream()
                .map(Segment::getId)
                .collect(Collectors.toSet());
    }

    Set<UUID> unavailable(List<UUID> ids, Throwable failure) {
        LOG.warnf("audience-service could not be asked about segments: %s", failure.toString());
        throw ProblemException.unavailable(
                "audience-service did not answer, so the target segments cannot be checked; try again shortly");
    }
}
