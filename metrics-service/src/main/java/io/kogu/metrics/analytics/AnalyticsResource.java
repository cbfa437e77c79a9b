package io.kogu.metrics.analytics;

import io.kogu.metrics.api.AnalyticsApi;
import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.RateBasis;
import io.kogu.metrics.api.model.SeriesBucket;
import io.kogu.metrics.api.model.SeriesInterval;
import io.kogu.metrics.api.model.SummaryGrouping;
import io.kogu.metrics.api.model.SummaryReport;
import io.kogu.metrics.api.model.SummaryRow;
import io.kogu.metrics.api.model.TimeSeries;
import io.kogu.metrics.api.model.TimeSeriesChart;
import io.kogu.metrics.api.model.TopPublications;
import io.kogu.metrics.api.model.TopRanking;
import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.metrics.publication.PublicationLabels;
import io.kogu.metrics.publication.PublicationService;
import io.kogu.metrics.report.Csv;
import io.kogu.metrics.report.Representation;
import io.kogu.metrics.chart.Filters;
import io.kogu.metrics.chart.Png;
import io.kogu.metrics.chart.SeriesData;
import io.kogu.metrics.chart.Texts;
import io.kogu.metrics.chart.TimeCharts;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.TreeSet;
import java.util.UUID;

public class AnalyticsResource implements AnalyticsApi {

    @Inject
    Summaries summaries;

    @Inject
    TimeSeriesService timeSeries;

    @Inject
    TopPublicationsService topPublications;

    @Inject
    PublicationService publications;

    @Inject
    PublicationLabels labels;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getSummaries(SummaryGrouping groupBy, OffsetDateTime from, OffsetDateTime to, UUID channelId,
                                 Network network, String campaign, String tag, RateBasis rateBasis) {
        Representation representation = Representation.chosen(headers, List.of(Representation.JSON, Representation.CSV));
        Period period = Period.of(from, to);
        List<SummaryRow> rows = summaries.summarize(caller.workspaceId(), groupBy, period,
                filter(channelId, network, campaign, tag), rateBasis);
        if (groupBy == SummaryGrouping.CHANNEL) {
            Map<UUID, String> names = labels.channelNames(caller.workspaceId(),
                    rows.stream().map(row -> UUID.fromString(row.getKey())).collect(Collectors.toSet()));
            rows.forEach(row -> row.channelName(names.get(UUID.fromString(row.getKey()))));
        }
        SummaryReport report = new SummaryReport().groupBy(groupBy).from(period.from().atOffset(ZoneOffset.UTC))
                .to(period.to().atOffset(ZoneOffset.UTC)).previousFrom(period.previousFrom().atOffset(ZoneOffset.UTC))
                .rows(rows);
        if (representation == Representation.CSV) {
            return Response.ok(summaryCsv(report), representation.mediaType).build();
        }
        return Response.ok(report).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getTimeSeries(SeriesInterval interval, OffsetDateTime from, OffsetDateTime to, String zone,
                                  UUID publicationId, UUID channelId, Network network, String campaign, String tag,
                                  TimeSeriesChart chart, Boolean compare) {
        Representation representation = Representation.chosen(headers, List.of(Representation.JSON,
                Representation.CSV, Representation.SVG, Representation.PNG));
        String workspace = caller.workspaceId();
        if (publicationId != null) {
            publications.get(workspace, publicationId);
        }
        Period period = Period.of(from, to);
        PublicationFilter filter = filter(channelId, network, campaign, tag);
        List<SeriesBucket> buckets = timeSeries.series(workspace, interval, Zones.parse(zone), period,
                publicationId, filter);
        TimeSeries series = new TimeSeries().interval(interval).timeZone(Zones.name(zone)).buckets(buckets);
        if (publicationId != null) {
            labels.of(workspace, publicationId).ifPresent(label -> series.publication(label.toApi()));
        }
        if (Boolean.TRUE.equals(compare)) {
            series.previousBuckets(timeSeries.previous(workspace, interval, Zones.parse(zone), period, buckets.size(),
                    publicationId, filter));
        }
        return switch (representation) {
            case CSV -> Response.ok(seriesCsv(series), representation.mediaType).build();
            case SVG, PNG -> {
                String svg = chart(series, chart, channelId, network, campaign, tag, publicationId);
                yield representation == Representation.SVG ? Response.ok(svg, representation.mediaType).build()
                        : Response.ok(Png.of(svg), representation.mediaType).build();
            }
            default -> Response.ok(series).build();
        };
    }

    private String chart(TimeSeries series, TimeSeriesChart chart, UUID channelId, Network network, String campaign,
                         String tag, UUID publicationId) {
        Texts texts = Texts.of(headers.getAcceptableLanguages());
        String filterLine = Filters.line(texts, channelId == null ? List.of() : List.of(channelId),
                network == null ? null : network.toString(), campaign, tag, null);
        if (publicationId != null) {
            filterLine = texts.t("filter.publication", Filters.shortId(publicationId)) + " · " + filterLine;
        }
        SeriesData data = SeriesData.of(series.getInterval(), series.getTimeZone(), series.getBuckets(),
                series.getPreviousBuckets(), clock.instant());
        return switch (chart == null ? TimeSeriesChart.LINE : chart) {
            case LINE -> TimeCharts.series(texts, "series", TimeCharts.Kind.LINE, filterLine, data);
            case BAR -> TimeCharts.series(texts, "series", TimeCharts.Kind.BAR, filterLine, data);
            case STACKED -> TimeCharts.stacked(texts, "series", filterLine, data);
        };
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getTopPublications(OffsetDateTime from, OffsetDateTime to, TopRanking by, UUID channelId,
                                       Network network, String campaign, String tag, RateBasis rateBasis,
                                       Integer limit) {
        TopRanking ranking = by == null ? TopRanking.ENGAGEMENTS : by;
        return Response.ok(new TopPublications().by(ranking).items(topPublications.top(caller.workspaceId(),
                Period.of(from, to), filter(channelId, network, campaign, tag), ranking, rateBasis,
                limit == null ? 10 : limit))).build();
    }

    private static PublicationFilter filter(UUID channelId, Network network, String campaign, String tag) {
        return new PublicationFilter(channelId, network == null ? null : network.toString(), campaign, tag);
    }

    private static String summaryCsv(SummaryReport report) {
        TreeSet<String> types = new TreeSet<>();
        report.getRows().forEach(row -> types.addAll(row.getTotals().keySet()));
        // The columns are the JSON names, nested ones by their path (contract/README.md, "Vocabulary").
        boolean byChannel = report.getGroupBy() == SummaryGrouping.CHANNEL;
        List<Object> header = new ArrayList<>(List.of("key"));
        if (byChannel) {
            header.add("channelName");
        }
        header.addAll(List.of("publications", "engagements", "previousEngagements", "engagementsChange",
                "engagementRate.basis", "engagementRate.value"));
        types.forEach(type -> header.add("totals." + type));
        Csv csv = new Csv().row(header);
        for (SummaryRow row : report.getRows()) {
            List<Object> fields = new ArrayList<>();
            fields.add(row.getKey());
            if (byChannel) {
                fields.add(row.getChannelName());
            }
            fields.addAll(List.of(row.getPublications(), row.getEngagements(), row.getPreviousEngagements()));
            fields.add(row.getEngagementsChange());
            fields.add(row.getEngagementRate().getBasis());
            fields.add(row.getEngagementRate().getValue());
            types.forEach(type -> fields.add(row.getTotals().getOrDefault(type, 0L)));
            csv.row(fields);
        }
        return csv.toString();
    }

    private static String seriesCsv(TimeSeries series) {
        TreeSet<String> types = new TreeSet<>();
        series.getBuckets().forEach(bucket -> types.addAll(bucket.getTotals().keySet()));
        List<Object> header = new ArrayList<>(List.of("start", "end", "hours", "engagements"));
        types.forEach(type -> header.add("totals." + type));
        Csv csv = new Csv().row(header);
        for (SeriesBucket bucket : series.getBuckets()) {
            List<Object> fields = new ArrayList<>(List.of(bucket.getStart(), bucket.getEnd(), bucket.getHours(),
                    bucket.getEngagements()));
            types.forEach(type -> fields.add(bucket.getTotals().getOrDefault(type, 0L)));
            csv.row(fields);
        }
        return csv.toString();
    }
}
