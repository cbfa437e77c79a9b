package io.kogu.metrics.analytics;

import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.platform.sql.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of a period read from one rollup table: whole UTC days from {@code rollup_daily}, the hours before the
 * first and after the last whole day from {@code rollup_hourly}. Each part's totals go to the current or the
 * previous period's column.
 */
record RollupRange(boolean daily, Instant from, Instant to, boolean current) {

    static List<RollupRange> split(Instant from, Instant to, boolean current) {
        List<RollupRange> ranges = new ArrayList<>(3);
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        if (firstDay.isBefore(from)) {
            firstDay = firstDay.plus(1, ChronoUnit.DAYS);
        }
        Instant lastDay = to.truncatedTo(ChronoUnit.DAYS);
        if (firstDay.isBefore(lastDay)) {
            add(ranges, false, from, firstDay, current);
            add(ranges, true, firstDay, lastDay, current);
            add(ranges, false, lastDay, to, current);
        } else {
            add(ranges, false, from, to, current);
        }
        return ranges;
    }

    private static void add(List<RollupRange> ranges, boolean daily, Instant from, Instant to, boolean current) {
        if (from.isBefore(to)) {
            ranges.add(new RollupRange(daily, from, to, current));
        }
    }

    /** Appends this part as one branch of a {@code union all}; answers false (no longer the first branch). */
    boolean appendTo(Sql sql, String workspaceId, PublicationFilter filter, boolean first) {
        if (!first) {
            sql.append(" union all ");
        }
        String columns = current ? "r.total as cur, null::bigint as prev" : "null::bigint as cur, r.total as prev";
        String table = daily ? "rollup_daily" : "rollup_hourly";
        String column = daily ? "r.day" : "r.hour";
        sql.append("select r.publication_id, r.type, r.channel_id, r.network, " + columns + " from " + table
                        + " r where r.workspace_id = :p and " + column + " >= :p and " + column + " < :p",
                workspaceId, daily ? day(from) : from, daily ? day(to) : to);
        RollupFilter.channelAndNetwork(sql, "r", filter.channelId(), filter.network());
        return false;
    }

    private static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
