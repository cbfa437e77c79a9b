package io.kogu.metrics.client;

import io.kogu.metrics.client.audience.ApiException;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which of any number of actors a segment holds now: audience-service's membership check, asked in batches of
 * {@link AudienceMembership#MAX_IDS_PER_CALL}. Shared by the segment breakdown and the segment's best time.
 * Call it outside a transaction: it waits on another service.
 */
@ApplicationScoped
public class SegmentMembers {

    @Inject
    AudienceMembership membership;

    /**
     * Those of {@code actors} that the segment holds now. The segment is asked about even when there are no
     * actors, so that a segment of another workspace is a 404 whatever the data holds.
     *
     * @throws ProblemException 404 when the segment is not in the caller's workspace, 503 when audience-service
     *                          does not answer or answers with an error
     */
    public Set<UUID> among(UUID segmentId, Collection<UUID> actors) {
        List<UUID> ids = new ArrayList<>(actors);
        Set<UUID> members = new HashSet<>();
        try {
            if (ids.isEmpty()) {
                membership.inSegment(segmentId, List.of(UUID.randomUUID()));
                return members;
            }
            for (int from = 0; from < ids.size(); from += AudienceMembership.MAX_IDS_PER_CALL) {
                members.addAll(membership.inSegment(segmentId,
                        ids.subList(from, Math.min(ids.size(), from + AudienceMembership.MAX_IDS_PER_CALL))));
            }
        } catch (ApiException e) {
            throw ProblemException.unavailable("audience-service answered "
                    + (e.getResponse() == null ? "an error" : e.getResponse().getStatus())
                    + " to the segment membership check; try again shortly");
        }
        return members;
    }
}
