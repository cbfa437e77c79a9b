package io.kogu.metrics.analytics;

import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.platform.sql.Sql;

import java.util.UUID;

/**
 * The where-clause parts of a publication filter over {@code rollup_hourly r} or {@code rollup_daily r} (channel
 * and network are copied there) and {@code publication p} (campaign and tag). Only fixed fragments; values are
 * parameters.
 */
public final class RollupFilter {

    private RollupFilter() {
    }

    static boolean needsPublication(PublicationFilter filter) {
        return filter.campaign() != null || filter.tag() != null;
    }

    static void onRollups(Sql sql, PublicationFilter filter, UUID publicationId) {
        if (publicationId != null) {
            sql.append(" and r.publication_id = :p", publicationId);
        }
        channelAndNetwork(sql, "r", filter.channelId(), filter.network());
        campaignAndTag(sql, filter);
    }

    static void onPublications(Sql sql, PublicationFilter filter) {
        channelAndNetwork(sql, "p", filter.channelId(), filter.network());
        campaignAndTag(sql, filter);
    }

    /** Channel and network on the table named {@code alias} (rollups or publications); null parts do not filter. */
    public static void channelAndNetwork(Sql sql, String alias, UUID channelId, String network) {
        if (channelId != null) {
            sql.append(" and " + alias + ".channel_id = :p", channelId);
        }
        if (network != null) {
            sql.append(" and " + alias + ".network = :p", network);
        }
    }

    /** Campaign and tag on {@code p}. */
    static void campaignAndTag(Sql sql, PublicationFilter filter) {
        if (filter.campaign() != null) {
            sql.append(" and p.campaign = :p", filter.campaign());
        }
        if (filter.tag() != null) {
            sql.append(" and :p = any(p.tags)", filter.tag());
        }
    }
}
