package io.kogu.metrics.analytics;

import io.kogu.metrics.publication.PublicationFilter;

import java.util.UUID;

/**
 * The where-clause parts of a publication filter over {@code rollup_hourly r} (channel and network are copied
 * there) and {@code publication p} (campaign and tag). Only fixed fragments; values are parameters.
 */
final class RollupFilter {

    private RollupFilter() {
    }

    static boolean needsPublication(PublicationFilter filter) {
        return filter.campaign() != null || filter.tag() != null;
    }

    static void onRollups(Sql sql, PublicationFilter filter, UUID publicationId) {
        if (publicationId != null) {
            sql.append(" and r.publication_id = :p", publicationId);
        }
        if (filter.channelId() != null) {
            sql.append(" and r.channel_id = :p", filter.channelId());
        }
        if (filter.network() != null) {
            sql.append(" and r.network = :p", filter.network());
        }
        onPublicationOnly(sql, filter);
    }

    static void onPublications(Sql sql, PublicationFilter filter) {
        if (filter.channelId() != null) {
            sql.append(" and p.channel_id = :p", filter.channelId());
        }
        if (filter.network() != null) {
            sql.append(" and p.network = :p", filter.network());
        }
        onPublicationOnly(sql, filter);
    }

    /** Channel and network on {@code r} only (for a query that joins the publication later). */
    static void onRollupsOnly(Sql sql, PublicationFilter filter) {
        if (filter.channelId() != null) {
            sql.append(" and r.channel_id = :p", filter.channelId());
        }
        if (filter.network() != null) {
            sql.append(" and r.network = :p", filter.network());
        }
    }

    /** Campaign and tag on {@code p} only. */
    static void onPublicationsOnly(Sql sql, PublicationFilter filter) {
        onPublicationOnly(sql, filter);
    }

    private static void onPublicationOnly(Sql sql, PublicationFilter filter) {
        if (filter.campaign() != null) {
            sql.append(" and p.campaign = :p", filter.campaign());
        }
        if (filter.tag() != null) {
            sql.append(" and :p = any(p.tags)", filter.tag());
        }
    }
}
