package io.kogu.metrics.analytics;

import io.kogu.metrics.api.model.SeriesBucket;
import io.kogu.metrics.api.model.SeriesInterval;
import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Engagement per calendar hour, day or week in a time zone. Hourly rollups (UTC hours) are summed into buckets
 * computed with java.time, so a day where daylight saving time starts has 23 hours and one where it ends 25.
 * (Zones whose offset is not a whole number of hours get their buckets from whole UTC hours.)
 */
@ApplicationScoped
public class TimeSeriesService {

    static final int MAX_BUCKETS = 1000;

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SeriesBucket> series(String workspaceId, SeriesInterval interval, ZoneId zone, Period period,
                                     UUID publicationId, PublicationFilter filter) {
        List<ZonedDateTime> starts = new ArrayList<>();
        ZonedDateTime start = bucketStart(period.from().atZone(zone), interval);
        while (start.toInstant().isBefore(period.to())) {
            starts.add(start);
            if (starts.size() > MAX_BUCKETS) {
                throw ProblemException.invalid("to", "the period holds more than " + MAX_BUCKETS + " "
                        + interval + " buckets; use a longer interval or a shorter period");
            }
            start = next(start, interval);
        }
        Instant first = starts.get(0).toInstant();
        Instant end = next(starts.get(starts.size() - 1), interval).toInstant();

        Sql sql = new Sql().append("select r.hour, r.type, sum(r.total) from rollup_hourly r");
        if (RollupFilter.needsPublication(filter)) {
            sql.append(" join publication p on p.workspace_id = r.workspace_id and p.id = r.publication_id");
        }
        sql.append(" where r.workspace_id = :p and r.hour >= :p and r.hour < :p", workspaceId, first, end);
        RollupFilter.onRollups(sql, filter, publicationId);
        sql.append(" group by 1, 2 order by 1");

        List<Map<String, Long>> totals = new ArrayList<>();
        starts.forEach(s -> totals.add(new TreeMap<>()));
        int bucket = 0;
        for (Object[] row : sql.rows(entityManager)) {
            Instant hour = Sql.toInstant(row[0]);
            while (bucket + 1 < starts.size() && !hour.isBefore(starts.get(bucket + 1).toInstant())) {
                bucket++;
            }
            totals.get(bucket).merge((String) row[1], ((Number) row[2]).longValue(), Long::sum);
        }
        List<SeriesBucket> buckets = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            ZonedDateTime bucketStart = starts.get(i);
            ZonedDateTime bucketEnd = next(bucketStart, interval);
            buckets.add(new SeriesBucket().start(bucketStart.toOffsetDateTime()).end(bucketEnd.toOffsetDateTime())
                    .hours((int) Duration.between(bucketStart, bucketEnd).toHours())
                    .engagements(Engagement.engagements(totals.get(i))).totals(totals.get(i)));
        }
        return buckets;
    }

    /**
     * The previous period of the same length, [previousFrom, from), in the same buckets: at most {@code count} of
     * them (the i-th aligned with the i-th bucket of the period; one fewer where the periods' bucket edges differ).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SeriesBucket> previous(String workspaceId, SeriesInterval interval, ZoneId zone, Period period,
                                       int count, UUID publicationId, PublicationFilter filter) {
        List<SeriesBucket> previous = series(workspaceId, interval, zone, new Period(period.previousFrom(),
                period.from()), publicationId, filter);
        return previous.size() > count ? new ArrayList<>(previous.subList(0, count)) : previous;
    }

    static ZonedDateTime bucketStart(ZonedDateTime at, SeriesInterval interval) {
        return switch (interval) {
            case HOUR -> at.truncatedTo(ChronoUnit.HOURS);
            case DAY -> at.toLocalDate().atStartOfDay(at.getZone());
            case WEEK -> at.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(at.getZone());
        };
    }

    static ZonedDateTime next(ZonedDateTime start, SeriesInterval interval) {
        return switch (interval) {
            // Hours are elapsed time: across a change the clock hour repeats or is skipped, the bucket is 1 h.
            case HOUR -> start.plusHours(1);
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(start.getZone());
        };
    }
}
