package io.kogu.metrics.chart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The filter of a chart or report in words, for the line under its title: "Channel 6f1c2a9b · Network: x". */
public final class Filters {

    private Filters() {
    }

    public static String line(Texts t, Collection<UUID> channelIds, String network, String campaign, String tag,
                              UUID segmentId) {
        List<String> parts = new ArrayList<>();
        if (channelIds != null && channelIds.size() == 1) {
            parts.add(t.t("filter.channel", shortId(channelIds.iterator().next())));
        } else if (channelIds != null && channelIds.size() > 1) {
            parts.add(t.t("filter.channels", channelIds.size()));
        }
        if (network != null) {
            parts.add(t.t("filter.network", network));
        }
        if (campaign != null) {
            parts.add(t.t("filter.campaign", campaign));
        }
        if (tag != null) {
            parts.add(t.t("filter.tag", tag));
        }
        if (segmentId != null) {
            parts.add(t.t("filter.segment", shortId(segmentId)));
        }
        if (parts.isEmpty() || (channelIds == null || channelIds.isEmpty()) && network == null) {
            parts.add(0, t.t("filter.all"));
        }
        return String.join(" · ", parts);
    }

    /** The first eight hex digits of an id: enough to tell a workspace's channels apart in a title. */
    public static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
