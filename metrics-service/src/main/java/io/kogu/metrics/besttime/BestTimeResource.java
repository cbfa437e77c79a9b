package io.kogu.metrics.besttime;

import io.kogu.metrics.analytics.Zones;
import io.kogu.metrics.api.BestTimeApi;
import io.kogu.metrics.api.model.BestTimeHeatmap;
import io.kogu.metrics.api.model.BestTimeRecommendations;
import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.report.Representation;
import io.kogu.metrics.chart.Filters;
import io.kogu.metrics.chart.HeatmapChart;
import io.kogu.metrics.chart.Png;
import io.kogu.metrics.chart.Texts;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

public class BestTimeResource implements BestTimeApi {

    @Inject
    BestTimeService bestTime;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response getBestTimeHeatmap(UUID channelId, Network network, UUID segmentId, String zone,
                                       Integer resolutionMinutes, Integer weeks) {
        Representation representation = Representation.chosen(headers,
                List.of(Representation.JSON, Representation.SVG, Representation.PNG));
        BestTimeHeatmap heatmap = heatmap(channelId, network, segmentId, zone, resolutionMinutes, weeks);
        if (representation == Representation.SVG || representation == Representation.PNG) {
            // The chart marks the next three recommended slots (from now, for 7 days).
            Instant now = clock.instant();
            Texts texts = Texts.of(headers.getAcceptableLanguages());
            String svg = HeatmapChart.render(texts, "besttime", Filters.line(texts,
                            channelId == null ? List.of() : List.of(channelId), network == null ? null : network.toString(),
                            null, null, segmentId), heatmap,
                    bestTime.recommend(heatmap, Zones.parse(zone), now, now.plus(Duration.ofDays(7)), 3, List.of()));
            return representation == Representation.SVG ? Response.ok(svg, representation.mediaType).build()
                    : Response.ok(Png.of(svg), representation.mediaType).build();
        }
        return Response.ok(heatmap).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response getBestTimeRecommendations(UUID channelId, Network network, UUID segmentId, String zone,
                                               Integer resolutionMinutes, Integer weeks, OffsetDateTime from,
                                               OffsetDateTime to, Integer count, List<OffsetDateTime> taken) {
        Instant start = from == null ? Instant.now() : from.toInstant();
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : to.toInstant();
        // Bad input is a 400 before anything is computed or audience-service is asked.
        BestTimeService.checkWindow(start, end);
        BestTimeHeatmap heatmap = heatmap(channelId, network, segmentId, zone, resolutionMinutes, weeks);
        List<Instant> takenInstants = taken == null ? List.of() : taken.stream().map(OffsetDateTime::toInstant).toList();
        return Response.ok(new BestTimeRecommendations().timeZone(heatmap.getTimeZone()).basis(heatmap.getBasis())
                .slots(bestTime.recommend(heatmap, Zones.parse(zone), start, end, count == null ? 5 : count,
                        takenInstants))).build();
    }

    private BestTimeHeatmap heatmap(UUID channelId, Network network, UUID segmentId, String zone,
                                    Integer resolutionMinutes, Integer weeks) {
        int resolution = resolutionMinutes == null ? 60 : resolutionMinutes;
        if (resolution != 60 && resolution != 15) {
            throw ProblemException.invalid("resolutionMinutes", "must be 15 or 60");
        }
        ZoneId zoneId = Zones.parse(zone);
        return bestTime.heatmap(new BestTimeService.Scope(caller.workspaceId(), channelId,
                        network == null ? null : network.toString(), segmentId), zoneId, Zones.name(zone), resolution,
                weeks == null ? 16 : weeks, Instant.now());
    }
}
