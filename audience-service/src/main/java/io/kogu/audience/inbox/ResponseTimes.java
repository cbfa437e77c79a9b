package io.kogu.audience.inbox;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * First-response and resolution times of the conversations that began in a period, per channel and per assignee,
 * counted in the workspace's business hours (p50 and p90 by nearest rank, in minutes). Spam is left out: nobody
 * is meant to answer it.
 */
@ApplicationScoped
public class ResponseTimes {

    /** The longest period one report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** The durations of one group, in minutes. */
    public record Stats(int count, Double p50Minutes, Double p90Minutes) {
    }

    public record Group(String key, int conversations, Stats firstResponse, Stats resolution) {
    }

    public record Report(Instant from, Instant to, String timeZone, Group overall, List<Group> byChannel,
                         List<Group> byAssignee) {
    }

    private record Row(UUID channelId, String assignee, Double firstResponse, Double resolution) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    InboxSettingsService settings;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Report report(String workspaceId, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw ProblemException.invalid("to", "must be at most 366 days after from");
        }
        InboxSettings zoneAndHours = settings.get(workspaceId);
        BusinessTime hours = new BusinessTime(ZoneId.of(zoneAndHours.timeZone), zoneAndHours.businessHours);
        @SuppressWarnings("unchecked")
        List<Object[]> found = entityManager.createNativeQuery("""
                        select channel_id, assignee, first_item_at, first_response_at, closed_at from conversation
                        where workspace_id = ?1 and first_item_at >= ?2 and first_item_at < ?3 and not spam""")
                .setParameter(1, workspaceId).setParameter(2, from).setParameter(3, to).getResultList();
        List<Row> rows = new ArrayList<>(found.size());
        for (Object[] r : found) {
            Instant began = instant(r[2]);
            rows.add(new Row((UUID) r[0], (String) r[1], minutes(hours, began, instant(r[3])),
                    minutes(hours, began, instant(r[4]))));
        }
        return new Report(from, to, zoneAndHours.timeZone, group(null, rows),
                groups(rows, row -> row.channelId().toString()), groups(rows, Row::assignee));
    }

    private static List<Group> groups(List<Row> rows, Function<Row, String> keyOf) {
        Map<String, List<Row>> byKey = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Row row : rows) {
            byKey.computeIfAbsent(keyOf.apply(row), k -> new ArrayList<>()).add(row);
        }
        return byKey.entrySet().stream().map(e -> group(e.getKey(), e.getValue())).toList();
    }

    private static Group group(String key, List<Row> rows) {
        return new Group(key, rows.size(), stats(rows.stream().map(Row::firstResponse).toList()),
                stats(rows.stream().map(Row::resolution).toList()));
    }

    static Stats stats(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> v != null).sorted().toList();
        if (sorted.isEmpty()) {
            return new Stats(0, null, null);
        }
        return new Stats(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} of the values at or below it. */
    static double rank(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static Double minutes(BusinessTime hours, Instant from, Instant to) {
        if (to == null) {
            return null;
        }
        return Math.round(hours.between(from, to).toSeconds() / 6.0) / 10.0;
    }

    private static Instant instant(Object value) {
        return value == null ? null : Sql.toInstant(value);
    }
}
