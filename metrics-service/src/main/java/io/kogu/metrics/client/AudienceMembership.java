package io.kogu.metrics.client;

import io.kogu.metrics.client.audience.ApiException;
import io.kogu.metrics.client.audience.SegmentsApi;
import io.kogu.metrics.client.audience.model.MembershipCheck;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Asks audience-service which members are in a segment (its batch membership check, on the caller's behalf).
 * Bounded like every call between services: 1.2 s per attempt, one retry (the check reads only), a circuit
 * breaker, and a fallback that answers 503. A segment that is not in the workspace is a 404, not a failure.
 */
@ApplicationScoped
public class AudienceMembership {

    private static final Logger LOG = Logger.getLogger(AudienceMembership.class);
    /** The most ids audience-service takes per call. */
    public static final int MAX_IDS_PER_CALL = 10_000;

    @Inject
    @RestClient
    SegmentsApi segments;

    /** Those of {@code memberIds} (at most {@link #MAX_IDS_PER_CALL}) that the segment holds now. */
    @Timeout(1200)
    @Retry(maxRetries = 1, delay = 100, maxDuration = 2800, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "unavailable", skipOn = ProblemException.class)
    public Set<UUID> inSegment(UUID segmentId, List<UUID> memberIds) throws ApiException {
        if (memberIds.size() > MAX_IDS_PER_CALL) {
            throw new IllegalArgumentException("At most " + MAX_IDS_PER_CALL + " member ids per call");
        }
        try {
            return new HashSet<>(segments.checkSegmentMembership(segmentId,
                    new MembershipCheck().memberIds(memberIds)).getMemberIds());
        } catch (ApiException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                throw ProblemException.notFound("segment", segmentId);
            }
            throw e;
        }
    }

    Set<UUID> unavailable(UUID segmentId, List<UUID> memberIds, Throwable failure) {
        LOG.warnf("audience-service could not be asked about segment membership: %s", failure.toString());
        throw ProblemException.unavailable(
                "audience-service did not answer, so segment membership cannot be checked; try again shortly");
    }
}
