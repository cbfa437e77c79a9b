package io.kogu.audience.segment;

import io.kogu.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Counts every segment once a day. Replicas share the work: each claims a few segments not yet counted today
 * with FOR NO KEY UPDATE SKIP LOCKED, counts each in a transaction of its own while holding the claim, and records
 * the count; a replica that dies releases its claim with its transaction. A segment that fails is skipped.
 */
@ApplicationScoped
public class SegmentSizes {

    /** One segment's size on one day. */
    public record Size(LocalDate day, long size) {
    }

    private static final Logger LOG = Logger.getLogger(SegmentSizes.class);
    private static final int CLAIM = 20;
    private static final int MAX_DAYS = 400;

    @Inject
    EntityManager entityManager;

    @Inject
    SegmentService segments;

    @Inject
    io.kogu.platform.webhooks.Webhooks webhooks;

    @ConfigProperty(name = "kogu.segments.statement-timeout", defaultValue = "30s")
    Duration statementTimeout;

    @Scheduled(cron = "{kogu.segments.size-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void daily() {
        int counted = countAll(LocalDate.now(ZoneOffset.UTC));
        LOG.infof("Counted %d segments for today", counted);
    }

    /**
     * Counts every segment not yet counted on {@code day}; answers how many this replica counted. A segment that
     * cannot be counted (a rule too slow or too large, a failure of the database) is logged and skipped for this
     * run: it never stops the others, of this workspace or any other.
     */
    public int countAll(LocalDate day) {
        Set<UUID> failed = new HashSet<>();
        int total = 0;
        int claimed;
        do {
            // Each claim is its own transaction: the locks last only while its few segments are counted.
            // It stays open while its segments are counted, each up to the statement timeout.
            Claim claim = QuarkusTransaction.requiringNew()
                    .timeout((int) (CLAIM * statementTimeout.toSeconds() + 60)).call(() -> countSome(day, failed));
            claimed = claim.claimed();
            total += claim.counted();
        } while (claimed > 0);
        return total;
    }

    private record Claim(int claimed, int counted) {
    }

    private Claim countSome(LocalDate day, Set<UUID> failed) {
        // "for no key update": the count's own transaction (below) inserts rows that refer to the segment, which
        // takes a key-share lock on it; a plain "for update" would make it wait for this claim forever.
        @SuppressWarnings("unchecked")
        List<UUID> claimed = entityManager.createNativeQuery("""
                        select s.id from segment s
                        where not exists (select 1 from segment_size z where z.segment_id = s.id and z.day = :day)
                          and s.id <> all(cast(:failed as uuid[]))
                        order by s.id limit :claim for no key update skip locked""", UUID.class)
                .setParameter("day", day).setParameter("claim", CLAIM)
                .setParameter("failed", failed.toArray(UUID[]::new)).getResultList();
        int counted = 0;
        for (UUID id : claimed) {
            try {
                // A transaction of its own per segment: a failed statement spoils only its own.
                QuarkusTransaction.requiringNew().run(() -> countOne(id, day));
                counted++;
            } catch (RuntimeException e) {
                failed.add(id);
                LOG.warnf("Segment %s could not be counted for %s, skipped until the next run: %s", id, day,
                        e instanceof ProblemException problem ? problem.getMessage() : e.toString());
            }
        }
        return new Claim(claimed.size(), counted);
    }

    private void countOne(UUID id, LocalDate day) {
        Segment segment = Segment.findById(id);
        if (segment == null) {
            return;
        }
        long size = segments.count(segment.workspaceId, segments.predicate(segment));
        int inserted = entityManager.createNativeQuery("""
                        insert into segment_size (segment_id, workspace_id, day, size, counted_at)
                        values (:segment, :workspace, :day, :size, now()) on conflict do nothing""")
                .setParameter("segment", id).setParameter("workspace", segment.workspaceId)
                .setParameter("day", day).setParameter("size", size).executeUpdate();
        if (inserted == 1) {
            sizeChanged(segment, day, size);
        }
    }

    /** segment.size_changed to the workspace's webhook endpoints when the count differs from the previous one. */
    private void sizeChanged(Segment segment, LocalDate day, long size) {
        @SuppressWarnings("unchecked")
        List<Number> previous = entityManager.createNativeQuery("""
                        select size from segment_size where segment_id = :segment and day < :day order by day desc limit 1""")
                .setParameter("segment", segment.id).setParameter("day", day).getResultList();
        if (!previous.isEmpty() && previous.get(0).longValue() != size) {
            webhooks.emit(segment.workspaceId, io.kogu.platform.webhooks.WebhookEvents.SEGMENT_SIZE_CHANGED,
                    java.util.Map.of("segmentId", segment.id, "size", size, "previousSize", previous.get(0).longValue()));
        }
    }

    /** The counts of days {@code from} to {@code to}, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Size> history(Segment segment, LocalDate from, LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ProblemException.invalid("from", "asks for more than " + MAX_DAYS + " days; narrow from and to");
        }
        return entityManager.createQuery("""
                        select z.day, z.size from SegmentSize z where z.segmentId = :segment and z.day between :from and :to
                        order by z.day""", Object[].class)
                .setParameter("segment", segment.id).setParameter("from", first).setParameter("to", last)
                .getResultList().stream().map(row -> new Size((LocalDate) row[0], (Long) row[1])).toList();
    }
}
