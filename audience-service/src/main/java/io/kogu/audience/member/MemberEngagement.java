package io.kogu.audience.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What members did on the networks, as metrics-service counts it (issue 12, {@code POST /v1/member-engagement}):
 * the last interaction only moves forward, the 30- and 90-day counts by event type replace the previous ones.
 * One statement per batch; members the workspace does not have (erased) match no row, so nothing of them returns.
 */
@ApplicationScoped
public class MemberEngagement {

    /** Kogu's event types (metrics-service's {@code EventType}): the only keys kept, and the ones rules may test. */
    public static final Set<String> TYPES = Set.of("impression", "reach", "view", "like", "favorite", "plus_one",
            "reaction", "comment", "share", "repost", "quote", "save", "click", "profile_visit", "follow", "unfollow",
            "mention");
    /** The windows counted. */
    public static final Set<String> WINDOWS = Set.of("last30d", "last90d");

    /** One member's engagement. */
    public record Item(UUID memberId, Instant lastInteractionAt, Map<String, Long> last30d, Map<String, Long> last90d) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    /** Answers how many members were updated (the others are not in the workspace). */
    @Transactional
    public int record(String workspaceId, List<Item> items) {
        UUID[] ids = new UUID[items.size()];
        String[] at = new String[items.size()];
        String[] engagement = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.memberId() == null || item.lastInteractionAt() == null) {
                throw ProblemException.invalid("items[" + i + "]", "needs memberId and lastInteractionAt");
            }
            ids[i] = item.memberId();
            at[i] = item.lastInteractionAt().truncatedTo(ChronoUnit.MICROS).toString();
            ObjectNode json = JSON.createObjectNode();
            json.set("last30d", counts(item.last30d()));
            json.set("last90d", counts(item.last90d()));
            engagement[i] = json.toString();
        }
        return entityManager.createNativeQuery("""
                        update member m
                        set last_interaction_at = greatest(m.last_interaction_at, e.at), engagement = e.engagement
                        from (select * from unnest(cast(?2 as uuid[]), cast(cast(?3 as text[]) as timestamptz[]),
                                                   cast(cast(?4 as text[]) as jsonb[]))) as e(id, at, engagement)
                        where m.id = e.id and m.workspace_id = ?1""")
                .setParameter(1, workspaceId).setParameter(2, ids).setParameter(3, at).setParameter(4, engagement)
                .executeUpdate();
    }

    private static ObjectNode counts(Map<String, Long> counts) {
        ObjectNode json = JSON.createObjectNode();
        if (counts != null) {
            counts.forEach((type, count) -> {
                if (TYPES.contains(type) && count != null && count > 0) {
                    json.put(type, count);
                }
            });
        }
        return json;
    }
}
