package io.kogu.audience.segment;

import io.kogu.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Counts every segment once a day. Replicas share the work: each claims a few segments not yet counted today
 * with FOR UPDATE SKIP LOCKED, counts them while holding the claim, and records the count; a replica that dies
 * releases its claim with its transaction.
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

    @Scheduled(cron = "{kogu.segments.size-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        int counted = countAll(LocalDate.now(ZoneOffset.UTC));
        LOG.infof("Counted %d segments for today", counted);
    }

    /** Counts every segment not yet counted on {@code day}; answers how many this replica counted. */
    public int countAll(LocalDate day) {
        int total = 0;
        int counted;
        do {
            // Each claim is its own transaction: the locks last only while its few segments are counted.
            counted = QuarkusTransaction.requiringNew().call(() -> countSome(day));
            total += counted;
        } while (counted > 0);
        return total;
    }

    private int countSome(LocalDate day) {
        @SuppressWarnings("unchecked")
        List<UUID> claimed = entityManager.createNativeQuery("""
                        select s.id from segment s
                        where not exists (select 1 from segment_size z where z.segment_id = s.id and z.day = :day)
                        order by s.id limit :claim for update skip locked""", UUID.class)
                .setParameter("day", day).setParameter("claim", CLAIM).getResultList();
        for (UUID id : claimed) {
            Segment segment = Segment.findById(id);
            long size = segments.count(segment.workspaceId, segments.predicate(segment));
            entityManager.createNativeQuery("""
                            insert into segment_size (segment_id, workspace_id, day, size, counted_at)
                            values (:segment, :workspace, :day, :size, now()) on conflict do nothing""")
                    .setParameter("segment", id).setParameter("workspace", segment.workspaceId)
                    .setParameter("day", day).setParameter("size", size).executeUpdate();
        }
        return claimed.size();
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
