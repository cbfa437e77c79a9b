package io.kogu.metrics.besttime;

import io.kogu.metrics.analytics.Engagement;
import io.kogu.metrics.analytics.RollupFilter;
import io.kogu.metrics.api.model.BestTimeBasis;
import io.kogu.metrics.api.model.BestTimeHeatmap;
import io.kogu.metrics.api.model.HeatmapSlot;
import io.kogu.metrics.api.model.RecommendedSlot;
import io.kogu.metrics.client.SegmentMembers;
import io.kogu.metrics.config.MetricsSettings;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Best time to post for a channel or network, computed on request from publications and rollups (always
 * current): from history when there are enough posts, else from when the audience engaged, else from
 * default windows. For a segment, the history counts only the engagement of the segment's members (per-member
 * rollups, membership asked of audience-service); see docs/best-time-model.md.
 */
@ApplicationScoped
public class BestTimeService {

    static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** Constant SQL list of the engagement types (not user input). */
    private static final String ENGAGEMENT_TYPES = Engagement.TYPES.stream().sorted()
            .map(type -> "'" + type + "'").collect(Collectors.joining(", ", "(", ")"));

    @Inject
    EntityManager entityManager;

    @Inject
    MetricsSettings settings;

    @Inject
    SegmentMembers segmentMembers;

    /** Who the heatmap is for: a channel or a network, optionally only the members of a segment. */
    public record Scope(String workspaceId, UUID channelId, String network, UUID segmentId) {
    }

    /** A post of the window and the engagements it earned from everyone. */
    private record PastPost(UUID id, Instant publishedAt, double engagements) {
    }

    /**
     * Runs no transaction of its own and holds none while audience-service is asked about a segment (the
     * caller must not be in one either).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BestTimeHeatmap heatmap(Scope scope, ZoneId zone, String zoneName, int resolution, int weeks, Instant now) {
        if (scope.channelId() == null && scope.network() == null) {
            throw ProblemException.invalid("channelId", "name a channelId or a network");
        }
        int perDay = 1440 / resolution;
        int slotCount = 7 * perDay;
        Instant since = now.minus(Duration.ofDays(7L * weeks));
        List<PastPost> past = history(scope, since, now);
        List<BestTimeModel.Post> posts = new ArrayList<>(past.size());
        // The posts that say something about the audience asked for: all of them, or those the segment engaged with.
        int evidence;
        if (scope.segmentId() == null) {
            past.forEach(post -> posts.add(new BestTimeModel.Post(slotOf(post.publishedAt().atZone(zone), resolution),
                    post.engagements())));
            evidence = past.size();
        } else {
            Map<UUID, Double> bySegment = segmentEngagements(scope, since, now);
            evidence = 0;
            for (PastPost post : past) {
                double engagements = bySegment.getOrDefault(post.id(), 0.0);
                posts.add(new BestTimeModel.Post(slotOf(post.publishedAt().atZone(zone), resolution), engagements));
                evidence += engagements > 0 ? 1 : 0;
            }
        }
        BestTimeHeatmap heatmap = new BestTimeHeatmap().timeZone(zoneName).resolutionMinutes(resolution).weeks(weeks)
                .posts(posts.size());
        List<HeatmapSlot> slots = new ArrayList<>(slotCount);
        if (evidence >= settings.bestTime().minPosts()) {
            BestTimeModel.Fit fit = BestTimeModel.fit(posts, slotCount, settings.bestTime().minShrinkage(),
                    settings.bestTime().maxShrinkage());
            for (int s = 0; s < slotCount; s++) {
                BestTimeModel.Estimate estimate = fit.slots()[s];
                slots.add(slot(s, perDay, resolution, estimate.expected(), estimate.posts(), estimate.confidence()));
            }
            return heatmap.basis(BestTimeBasis.HISTORY).channelMean(fit.mean()).shrinkage(fit.shrinkage()).slots(slots);
        }
        int[] postsPerSlot = new int[slotCount];
        posts.forEach(post -> postsPerSlot[post.slot()]++);
        double[] activity = activity(scope, zone, resolution, since, now, slotCount);
        double totalActivity = 0;
        for (double value : activity) {
            totalActivity += value;
        }
        if (totalActivity >= settings.bestTime().minActivity()) {
            double mean = totalActivity / slotCount;
            for (int s = 0; s < slotCount; s++) {
                // Engagements per hour of the slot, averaged over the weeks; confidence grows with the volume.
                double expected = activity[s] / weeks;
                slots.add(slot(s, perDay, resolution, expected, postsPerSlot[s], activity[s] / (activity[s] + mean)));
            }
            return heatmap.basis(BestTimeBasis.AUDIENCE_ACTIVITY).channelMean(totalActivity / weeks / slotCount)
                    .slots(slots);
        }
        for (int s = 0; s < slotCount; s++) {
            int minute = (s % perDay) * resolution;
            slots.add(slot(s, perDay, resolution, DefaultWindows.score(s / perDay + 1, minute / 60), postsPerSlot[s], 0));
        }
        return heatmap.basis(BestTimeBasis.DEFAULTS).channelMean(0.0).slots(slots);
    }

    /** A window of recommendations is valid: {@code to} after {@code from}, at most 31 days later. */
    public static void checkWindow(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.invalid("to", "the window is at most 31 days");
        }
    }

    /**
     * The {@code count} best slots starting in [from, to), skipping slots that hold a taken instant. The window
     * was checked by {@link #checkWindow} before the heatmap was computed.
     */
    public List<RecommendedSlot> recommend(BestTimeHeatmap heatmap, ZoneId zone, Instant from, Instant to, int count,
                                           List<Instant> taken) {
        int resolution = heatmap.getResolutionMinutes();
        ZonedDateTime local = from.atZone(zone);
        ZonedDateTime start = local.truncatedTo(ChronoUnit.HOURS)
                .plusMinutes((local.getMinute() / resolution) * (long) resolution);
        if (start.toInstant().isBefore(from)) {
            start = start.plusMinutes(resolution);
        }
        List<RecommendedSlot> candidates = new ArrayList<>();
        for (ZonedDateTime slot = start; slot.toInstant().isBefore(to); slot = slot.plusMinutes(resolution)) {
            Instant slotStart = slot.toInstant();
            Instant slotEnd = slotStart.plus(Duration.ofMinutes(resolution));
            boolean isTaken = taken.stream().anyMatch(t -> !t.isBefore(slotStart) && t.isBefore(slotEnd));
            if (isTaken) {
                continue;
            }
            HeatmapSlot estimate = heatmap.getSlots().get(slotOf(slot, resolution));
            candidates.add(new RecommendedSlot().start(slot.toOffsetDateTime())
                    .end(slot.plusMinutes(resolution).toOffsetDateTime())
                    .expectedEngagements(estimate.getExpectedEngagements()).confidence(estimate.getConfidence()));
        }
        candidates.sort(Comparator.comparing(RecommendedSlot::getExpectedEngagements).reversed()
                .thenComparing(slot -> slot.getStart().toInstant()));
        return candidates.size() > count ? candidates.subList(0, count) : candidates;
    }

    private List<PastPost> history(Scope scope, Instant since, Instant until) {
        Sql sql = new Sql().append("select p.id, p.published_at, coalesce(sum(t.total) filter (where t.type in "
                + ENGAGEMENT_TYPES + "), 0) from publication p"
                + " left join publication_total t on t.workspace_id = p.workspace_id and t.publication_id = p.id"
                + " where p.workspace_id = :p and p.published_at >= :p and p.published_at < :p",
                scope.workspaceId(), since, until);
        scopeFilter(sql, scope, "p");
        sql.append(" group by p.id, p.published_at");
        List<PastPost> posts = new ArrayList<>();
        for (Object[] row : sql.rows(entityManager)) {
            posts.add(new PastPost((UUID) row[0], Sql.toInstant(row[1]), ((Number) row[2]).doubleValue()));
        }
        return posts;
    }

    /**
     * Engagements per post of the window from the actors that are members of the segment now: the most engaged
     * actors of the window (per-member rollups) are asked about in audience-service, then the rollups of the
     * members are summed per post. Posts without a member's engagement are not in the map.
     */
    private Map<UUID, Double> segmentEngagements(Scope scope, Instant since, Instant until) {
        Sql actors = new Sql().append("select a.actor_member_id, sum(a.total) from rollup_actor a"
                + " join publication p on p.workspace_id = a.workspace_id and p.id = a.publication_id"
                + " where a.workspace_id = :p and p.published_at >= :p and p.published_at < :p and a.type in "
                + ENGAGEMENT_TYPES, scope.workspaceId(), since, until);
        scopeFilter(actors, scope, "p");
        actors.append(" group by a.actor_member_id order by sum(a.total) desc, a.actor_member_id limit :p",
                settings.bestTime().maxSegmentActors());
        List<UUID> ids = new ArrayList<>();
        for (Object[] row : actors.rows(entityManager)) {
            ids.add((UUID) row[0]);
        }
        Set<UUID> members = segmentMembers.among(scope.segmentId(), ids);
        Map<UUID, Double> byPost = new HashMap<>();
        if (members.isEmpty()) {
            return byPost;
        }
        Sql perPost = new Sql().append("select a.publication_id, sum(a.total) from rollup_actor a"
                + " join publication p on p.workspace_id = a.workspace_id and p.id = a.publication_id"
                + " where a.workspace_id = :p and p.published_at >= :p and p.published_at < :p and a.type in "
                + ENGAGEMENT_TYPES + " and a.actor_member_id = any(cast(:p as uuid[]))",
                scope.workspaceId(), since, until, members.stream().map(UUID::toString)
                        .collect(Collectors.joining(",", "{", "}")));
        scopeFilter(perPost, scope, "p");
        perPost.append(" group by a.publication_id");
        for (Object[] row : perPost.rows(entityManager)) {
            byPost.put((UUID) row[0], ((Number) row[1]).doubleValue());
        }
        return byPost;
    }

    /** Engagement events per local slot of the hour they happened in (an hour split evenly over its quarters). */
    private double[] activity(Scope scope, ZoneId zone, int resolution, Instant since, Instant until, int slotCount) {
        Sql sql = new Sql().append("select r.hour, sum(r.total) from rollup_hourly r"
                + " where r.workspace_id = :p and r.hour >= :p and r.hour < :p and r.type in " + ENGAGEMENT_TYPES,
                scope.workspaceId(), since, until);
        scopeFilter(sql, scope, "r");
        sql.append(" group by r.hour");
        double[] activity = new double[slotCount];
        int parts = 60 / resolution;
        for (Object[] row : sql.rows(entityManager)) {
            ZonedDateTime hour = Sql.toInstant(row[0]).atZone(zone);
            double value = Math.max(0, ((Number) row[1]).doubleValue());
            for (int part = 0; part < parts; part++) {
                activity[slotOf(hour.plusMinutes((long) part * resolution), resolution)] += value / parts;
            }
        }
        return activity;
    }

    private static void scopeFilter(Sql sql, Scope scope, String alias) {
        RollupFilter.channelAndNetwork(sql, alias, scope.channelId(), scope.network());
    }

    static int slotOf(ZonedDateTime local, int resolution) {
        int perDay = 1440 / resolution;
        return (local.getDayOfWeek().getValue() - 1) * perDay + (local.getHour() * 60 + local.getMinute()) / resolution;
    }

    private static HeatmapSlot slot(int index, int perDay, int resolution, double expected, int posts, double confidence) {
        int day = index / perDay + 1;
        int minute = (index % perDay) * resolution;
        return new HeatmapSlot().weekday(io.kogu.metrics.api.model.Weekday.fromValue(
                        java.time.DayOfWeek.of(day).name().toLowerCase(java.util.Locale.ROOT)))
                .start("%02d:%02d".formatted(minute / 60, minute % 60))
                .dayOfWeek(day).startMinute(minute)
                .expectedEngagements(expected).posts(posts).confidence(Math.max(0, Math.min(1, confidence)));
    }
}
