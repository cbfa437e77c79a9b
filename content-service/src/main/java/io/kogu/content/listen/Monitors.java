package io.kogu.content.listen;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Monitors: saved queries, their matches (latest first) and the matches counted per hour. */
@ApplicationScoped
public class Monitors {

    /** A new or changed monitor looks this far back at once. */
    static final Duration LOOK_BACK = Duration.ofDays(7);
    static final int MAX_HOURS = 744;

    public record Settings(String name, List<String> all, List<String> any, List<String> none, List<String> tags,
                           boolean webhook) {
    }

    public record Match(Instant matchedAt, UUID storyId) {
    }

    public record Hour(Instant startAt, long count) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    MonitorMatcher matcher;

    @Inject
    Clock clock;

    @Transactional
    public Monitor create(String workspaceId, Settings settings) {
        requireTerms(settings);
        Instant now = clock.instant();
        Monitor monitor = new Monitor();
        monitor.id = UUID.randomUUID();
        monitor.workspaceId = workspaceId;
        monitor.createdAt = now;
        apply(monitor, settings, now);
        monitor.persist();
        matcher.matchRecent(monitor, now.minus(LOOK_BACK), now);
        return monitor;
    }

    @Transactional
    public Monitor update(String workspaceId, UUID id, String ifMatch, Settings settings) {
        Monitor monitor = get(workspaceId, id);
        Versions.requireMatch(ifMatch, monitor.version);
        requireTerms(settings);
        Instant now = clock.instant();
        apply(monitor, settings, now);
        monitor.version++;
        return monitor;
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Monitor monitor = get(workspaceId, id);
        Versions.requireMatch(ifMatch, monitor.version);
        monitor.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Monitor get(String workspaceId, UUID id) {
        return Monitor.<Monitor>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("monitor", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Monitor> list(String workspaceId, Keyset keyset) {
        return keyset.find("workspaceId = :workspace", Parameters.with("workspace", workspaceId), "",
                (q, p) -> Monitor.<Monitor>find(q, p), m -> new PageCursor(m.createdAt, m.id));
    }

    /** The matches, latest first; the cursor is the last match's time and story. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Match> matches(String workspaceId, UUID monitorId, Keyset keyset) {
        get(workspaceId, monitorId);
        String after = keyset.after() == null ? "" : " and (matched_at, story_id) < (:at, :story)";
        var query = entityManager.createNativeQuery("select matched_at, story_id from monitor_match where monitor_id = :m"
                        + after + " order by matched_at desc, story_id desc limit :limit")
                .setParameter("m", monitorId).setParameter("limit", keyset.limit() + 1);
        if (keyset.after() != null) {
            query.setParameter("at", keyset.after().createdAt()).setParameter("story", keyset.after().id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Match> matches = rows.stream()
                .map(r -> new Match(Sql.toInstant(r[0]), (UUID) r[1])).toList();
        return keyset.page(matches, m -> new PageCursor(m.matchedAt(), m.storyId()));
    }

    /** Matches per UTC hour in [from, to), every hour listed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Hour> counts(String workspaceId, UUID monitorId, Instant from, Instant to) {
        get(workspaceId, monitorId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select date_trunc('hour', matched_at at time zone 'UTC') at time zone 'UTC', count(*)
                        from monitor_match where monitor_id = :m and matched_at >= :from and matched_at < :to
                        group by 1""")
                .setParameter("m", monitorId).setParameter("from", from).setParameter("to", to).getResultList();
        Map<Instant, Long> byHour = new HashMap<>();
        rows.forEach(r -> byHour.put(Sql.toInstant(r[0]), ((Number) r[1]).longValue()));
        List<Hour> hours = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
            hours.add(new Hour(hour, byHour.getOrDefault(hour, 0L)));
        }
        return hours;
    }

    private static void apply(Monitor monitor, Settings settings, Instant now) {
        monitor.name = settings.name();
        monitor.allTerms = new ArrayList<>(settings.all());
        monitor.anyTerms = new ArrayList<>(settings.any());
        monitor.noneTerms = new ArrayList<>(settings.none());
        monitor.tags = new ArrayList<>(settings.tags());
        monitor.webhook = settings.webhook();
        monitor.updatedAt = now;
    }

    /** A monitor needs something to look for: an `all` or `any` term that has letters or digits. */
    private static void requireTerms(Settings settings) {
        boolean searchable = settings.all().stream().anyMatch(t -> !TextFolding.fold(t).isEmpty())
                || settings.any().stream().anyMatch(t -> !TextFolding.fold(t).isEmpty());
        if (!searchable) {
            throw ProblemException.invalid("all", "a monitor needs at least one word in all or any");
        }
    }
}
