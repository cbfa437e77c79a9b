package io.kogu.metrics.event;

import io.kogu.metrics.config.MetricsSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weekly partitions of {@code engagement_event}: created ahead of time by a scheduled job (and on demand
 * for back-filled weeks), dropped once older than the retention period. Partitions are UTC weeks starting on
 * Monday, named {@code engagement_event_YYYYMMDD}; the SQL function {@code engagement_event_ensure_partitions}
 * (V2 migration) creates them under an advisory lock, so replicas may run this at the same time.
 */
@ApplicationScoped
public class EventPartitions {

    private static final Logger LOG = Logger.getLogger(EventPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    @Inject
    EntityManager entityManager;

    @Inject
    MetricsSettings settings;

    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    /**
     * Makes sure that events occurring in [from, to] have a partition. Weeks seen before cost nothing (this runs
     * for every batch); missing ones are created in a transaction of their own.
     */
    public void ensureCovering(Instant from, Instant to) {
        LocalDate first = weekOf(from);
        LocalDate last = weekOf(to);
        boolean allKnown = true;
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            allKnown &= known.contains(week);
        }
        if (!allKnown) {
            create(first, last);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void create(LocalDate first, LocalDate last) {
        entityManager.createNativeQuery("select engagement_event_ensure_partitions(?1, ?2)")
                .setParameter(1, first.atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter(2, last.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .getSingleResult();
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            known.add(week);
        }
    }

    /** Creates the partitions of the coming weeks and drops those past retention. */
    @Scheduled(every = "${kogu.metrics.partitions.maintenance-every:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void maintain() {
        Instant now = Instant.now();
        ensureCovering(now, now.plus(settings.partitions().ahead()));
        Instant cutoff = retentionCutoff(now);
        int dropped = dropBefore(cutoff);
        if (dropped > 0) {
            LOG.infof("Dropped %d engagement event partitions past retention", dropped);
        }
    }

    /** Events that occurred before this instant are past retention: not accepted, and dropped. */
    public Instant retentionCutoff(Instant now) {
        return now.minus(settings.partitions().retention());
    }

    /** Drops the weekly partitions that end before {@code cutoff}, with their events' identities (V11). */
    @Transactional
    public int dropBefore(Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<String> partitions = entityManager.createNativeQuery("""
                select c.relname from pg_inherits i
                join pg_class c on c.oid = i.inhrelid
                join pg_class p on p.oid = i.inhparent
                where p.relname = 'engagement_event' and c.relname ~ '^engagement_event_[0-9]{8}$'""")
                .getResultList();
        int dropped = 0;
        for (String partition : partitions) {
            LocalDate week = LocalDate.parse(partition.substring("engagement_event_".length()), SUFFIX);
            if (!week.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff)) {
                // The name comes from the catalog and matched the pattern above: no user input reaches this.
                entityManager.createNativeQuery("drop table " + partition).executeUpdate();
                known.remove(week);
                dropped++;
            }
        }
        return dropped;
    }

    static LocalDate weekOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }
}
