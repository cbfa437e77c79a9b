package io.kogu.metrics.report;

import io.kogu.metrics.analytics.Engagement;
import io.kogu.metrics.analytics.Period;
import io.kogu.metrics.analytics.Summaries;
import io.kogu.metrics.analytics.TimeSeriesService;
import io.kogu.metrics.analytics.TopPublicationsService;
import io.kogu.metrics.analytics.Zones;
import io.kogu.metrics.api.model.BestTimeHeatmap;
import io.kogu.metrics.api.model.BreakdownPart;
import io.kogu.metrics.api.model.HeadlineFigure;
import io.kogu.metrics.api.model.HeadlineKey;
import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.Report;
import io.kogu.metrics.api.model.ReportBestTime;
import io.kogu.metrics.api.model.ReportPublication;
import io.kogu.metrics.api.model.ReportRequest;
import io.kogu.metrics.api.model.ReportScope;
import io.kogu.metrics.api.model.ReportSegmentBreakdown;
import io.kogu.metrics.api.model.SegmentBreakdown;
import io.kogu.metrics.api.model.SeriesBucket;
import io.kogu.metrics.api.model.SeriesInterval;
import io.kogu.metrics.api.model.SummaryGrouping;
import io.kogu.metrics.api.model.SummaryRow;
import io.kogu.metrics.api.model.TimeSeries;
import io.kogu.metrics.api.model.TopPublication;
import io.kogu.metrics.api.model.TopRanking;
import io.kogu.metrics.besttime.BestTimeService;
import io.kogu.metrics.chart.Filters;
import io.kogu.metrics.chart.Texts;
import io.kogu.metrics.publication.Publication;
import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.metrics.publication.PublicationService;
import io.kogu.metrics.publication.SegmentBreakdowns;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A period report, computed on request from the analytics services (the same code as {@code /v1/summaries},
 * {@code /v1/time-series}, {@code /v1/top-publications} and {@code /v1/best-time}, so that every figure can be
 * checked against them). A channel set is read channel by channel and added up: a publication belongs to one
 * channel, so the sums are exact.
 */
@ApplicationScoped
public class Reports {

    static final int MAX_BREAKDOWN_PUBLICATIONS = 100;
    static final int RECOMMENDATIONS = 5;
    static final long DAILY_UP_TO_DAYS = 92;

    @Inject
    Summaries summaries;

    @Inject
    TimeSeriesService timeSeries;

    @Inject
    TopPublicationsService topPublications;

    @Inject
    PublicationService publications;

    @Inject
    BestTimeService bestTime;

    @Inject
    SegmentBreakdowns segmentBreakdowns;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** The figures of one period for the whole scope. */
    record Figures(long published, long engagements, long impressions, Map<String, Long> totals) {
    }

    public Report build(String workspaceId, ReportRequest request, Texts t) {
        Period period = Period.of(request.getFrom(), request.getTo());
        ZoneId zone = Zones.parse(request.getTimeZone());
        String zoneName = Zones.name(request.getTimeZone());
        List<UUID> channels = request.getChannelIds() == null ? List.of() : List.copyOf(request.getChannelIds());
        for (UUID channel : channels) {
            checkChannel(workspaceId, channel);
        }
        String network = request.getNetwork() == null ? null : request.getNetwork().toString();
        int topCount = request.getTopCount() == null ? 5 : request.getTopCount();
        SeriesInterval interval = request.getInterval() != null ? request.getInterval()
                : Duration.between(period.from(), period.to()).toDays() <= DAILY_UP_TO_DAYS ? SeriesInterval.DAY
                : SeriesInterval.WEEK;
        List<PublicationFilter> filters = new ArrayList<>();
        if (channels.isEmpty()) {
            filters.add(new PublicationFilter(null, network, request.getCampaign(), request.getTag()));
        } else {
            channels.forEach(channel -> filters.add(new PublicationFilter(channel, network, request.getCampaign(),
                    request.getTag())));
        }
        Instant now = clock.instant();

        Period previousPeriod = new Period(period.previousFrom(), period.from());
        List<TopPublication> published = published(workspaceId, period, filters);
        List<TopPublication> previousPublished = published(workspaceId, previousPeriod, filters);
        Figures current = figures(workspaceId, period, filters, published.size());
        Figures previous = figures(workspaceId, previousPeriod, filters, previousPublished.size());

        String scopeLine = Filters.line(t, channels, network, request.getCampaign(), request.getTag(),
                request.getSegmentId());
        ReportScope scope = new ReportScope().description(scopeLine).channelIds(new ArrayList<>(channels))
                .network(request.getNetwork()).campaign(request.getCampaign()).tag(request.getTag())
                .segmentId(request.getSegmentId());

        List<SeriesBucket> buckets = null;
        List<SeriesBucket> previousBuckets = null;
        for (PublicationFilter filter : filters) {
            List<SeriesBucket> part = timeSeries.series(workspaceId, interval, zone, period, null, filter);
            buckets = buckets == null ? part : add(buckets, part);
            List<SeriesBucket> previousPart = timeSeries.previous(workspaceId, interval, zone, period, part.size(),
                    null, filter);
            previousBuckets = previousBuckets == null ? previousPart : add(previousBuckets, previousPart);
        }
        TimeSeries series = new TimeSeries().interval(interval).timeZone(zoneName).buckets(buckets)
                .previousBuckets(previousBuckets);

        Map<String, Long> byType = new TreeMap<>();
        current.totals().forEach((type, total) -> {
            if (Engagement.TYPES.contains(type) && total != 0) {
                byType.put(type, total);
            }
        });

        List<TopPublication> ranked = new ArrayList<>(published);
        ranked.sort(Comparator.comparing(TopPublication::getEngagements).reversed()
                .thenComparing(p -> p.getPublicationId().toString()));
        List<ReportPublication> top = new ArrayList<>();
        for (TopPublication publication : ranked.subList(0, Math.min(topCount, ranked.size()))) {
            top.add(publication(workspaceId, publication));
        }
        List<ReportPublication> bottom = new ArrayList<>();
        for (int i = ranked.size() - 1; i >= 0 && bottom.size() < topCount; i--) {
            bottom.add(publication(workspaceId, ranked.get(i)));
        }

        Report report = new Report().title(t.t("report.title")).language(t.language()).timeZone(zoneName)
                .from(period.from().atZone(zone).toOffsetDateTime()).to(period.to().atZone(zone).toOffsetDateTime())
                .previousFrom(period.previousFrom().atZone(zone).toOffsetDateTime())
                .generatedAt(now.atOffset(ZoneOffset.UTC)).scope(scope)
                .headline(headline(t, current, previous)).top(top).bottom(bottom).series(series)
                .engagementByType(byType);
        report.bestTime(bestTime(workspaceId, t, channels, network, request.getSegmentId(), zone, zoneName, period,
                filters, now));
        if (request.getSegmentId() != null) {
            report.segmentBreakdown(segmentBreakdown(workspaceId, request.getSegmentId(), ranked));
        }
        return report;
    }

    private void checkChannel(String workspaceId, UUID channel) {
        List<?> any = entityManager.createNativeQuery(
                        "select 1 from publication where workspace_id = ?1 and channel_id = ?2 limit 1")
                .setParameter(1, workspaceId).setParameter(2, channel).getResultList();
        if (any.isEmpty()) {
            throw ProblemException.notFound("channel", channel);
        }
    }

    /** Every publication published in the period in the scope, with its all-time engagements so far. */
    private List<TopPublication> published(String workspaceId, Period period, List<PublicationFilter> filters) {
        List<TopPublication> all = new ArrayList<>();
        for (PublicationFilter filter : filters) {
            all.addAll(topPublications.top(workspaceId, period, filter, TopRanking.ENGAGEMENTS, null,
                    Integer.MAX_VALUE));
        }
        return all;
    }

    /** Engagements, impressions and totals of the events in the period (as {@code /v1/summaries} counts them). */
    private Figures figures(String workspaceId, Period period, List<PublicationFilter> filters, int published) {
        Map<String, Long> totals = new TreeMap<>();
        for (PublicationFilter filter : filters) {
            for (SummaryRow row : summaries.summarize(workspaceId, SummaryGrouping.NETWORK, period, filter, null)) {
                row.getTotals().forEach((type, total) -> totals.merge(type, total, Long::sum));
            }
        }
        return new Figures(published, Engagement.engagements(totals), Math.max(0, totals.getOrDefault("impression", 0L)),
                totals);
    }

    private static List<HeadlineFigure> headline(Texts t, Figures current, Figures previous) {
        List<HeadlineFigure> figures = new ArrayList<>();
        figures.add(figure(t, HeadlineKey.PUBLISHED, (double) current.published(), (double) previous.published(), false));
        figures.add(figure(t, HeadlineKey.ENGAGEMENTS, (double) current.engagements(), (double) previous.engagements(),
                false));
        figures.add(figure(t, HeadlineKey.IMPRESSIONS, (double) current.impressions(), (double) previous.impressions(),
                false));
        figures.add(figure(t, HeadlineKey.ENGAGEMENT_RATE, ratio(current.engagements(), current.impressions()),
                ratio(previous.engagements(), previous.impressions()), true));
        figures.add(figure(t, HeadlineKey.ENGAGEMENTS_PER_POST, ratio(current.engagements(), current.published()),
                ratio(previous.engagements(), previous.published()), false));
        return figures;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator > 0 ? (double) numerator / denominator : null;
    }

    private static HeadlineFigure figure(Texts t, HeadlineKey key, Double value, Double previous, boolean percent) {
        Double change = value == null || previous == null || previous == 0 ? null : (value - previous) / previous;
        String display;
        if (value == null) {
            display = t.t("change.none");
        } else if (percent) {
            display = t.percent(value, 2);
        } else if (value == Math.rint(value)) {
            display = t.integer(Math.round(value));
        } else {
            display = t.decimal(value, 1);
        }
        return new HeadlineFigure().key(key).label(t.t("headline." + key)).value(value).previous(previous)
                .change(change).display(display).formula(t.t("formula." + key));
    }

    private ReportPublication publication(String workspaceId, TopPublication top) {
        ReportPublication publication = new ReportPublication().publicationId(top.getPublicationId())
                .draftId(top.getDraftId()).channelId(top.getChannelId()).channelName(top.getChannelName())
                .title(top.getTitle()).network(top.getNetwork()).publishedAt(top.getPublishedAt())
                .campaign(top.getCampaign()).engagements(top.getEngagements()).engagementRate(top.getEngagementRate());
        publications.find(workspaceId, top.getPublicationId()).ifPresent((Publication row) -> publication
                .url(row.url).externalPostId(row.externalPostId).tags(new ArrayList<>(row.tags)));
        return publication;
    }

    /**
     * Best time for the one channel named; else for the network named; else for the channel with most engagement
     * in the period. None when the scope has no publication to learn from.
     */
    private ReportBestTime bestTime(String workspaceId, Texts t, List<UUID> channels, String network, UUID segmentId,
                                    ZoneId zone, String zoneName, Period period, List<PublicationFilter> filters,
                                    Instant now) {
        UUID channel = null;
        String words;
        if (channels.size() == 1) {
            channel = channels.get(0);
            words = t.t("filter.channel", Filters.shortId(channel));
        } else if (network != null) {
            words = t.t("filter.network", network);
        } else {
            Map<UUID, Long> byChannel = new LinkedHashMap<>();
            for (PublicationFilter filter : filters) {
                for (SummaryRow row : summaries.summarize(workspaceId, SummaryGrouping.CHANNEL, period, filter, null)) {
                    byChannel.merge(UUID.fromString(row.getKey()), row.getEngagements(), Long::sum);
                }
            }
            channel = byChannel.entrySet().stream()
                    .max(Map.Entry.<UUID, Long>comparingByValue().thenComparing(e -> e.getKey().toString(),
                            Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
            if (channel == null) {
                return null;
            }
            words = t.t("report.bestTime.mostEngaged", Filters.shortId(channel));
        }
        BestTimeHeatmap heatmap = bestTime.heatmap(new BestTimeService.Scope(workspaceId, channel, channel == null
                ? network : null, segmentId), zone, zoneName, 60, 16, now);
        return new ReportBestTime().scope(words).heatmap(heatmap).recommendations(bestTime.recommend(heatmap, zone, now,
                now.plus(Duration.ofDays(7)), RECOMMENDATIONS, List.of()));
    }

    /** The engagement of the period's publications (the 100 with most) by whether the actors are in the segment. */
    private ReportSegmentBreakdown segmentBreakdown(String workspaceId, UUID segmentId, List<TopPublication> ranked) {
        Map<String, Long> in = new TreeMap<>();
        Map<String, Long> out = new TreeMap<>();
        Map<String, Long> unattributed = new TreeMap<>();
        int inActors = 0;
        int outActors = 0;
        int count = 0;
        for (TopPublication publication : ranked) {
            if (count++ == MAX_BREAKDOWN_PUBLICATIONS) {
                break;
            }
            SegmentBreakdown part = segmentBreakdowns.breakdown(workspaceId, publication.getPublicationId(), segmentId);
            part.getInSegment().getTotals().forEach((type, total) -> in.merge(type, total, Long::sum));
            part.getOutsideSegment().getTotals().forEach((type, total) -> out.merge(type, total, Long::sum));
            part.getUnattributed().getTotals().forEach((type, total) -> unattributed.merge(type, total, Long::sum));
            inActors += part.getInSegment().getActors();
            outActors += part.getOutsideSegment().getActors();
        }
        return new ReportSegmentBreakdown().segmentId(segmentId).publications(Math.min(count,
                        MAX_BREAKDOWN_PUBLICATIONS)).inSegment(part(inActors, in)).outsideSegment(part(outActors, out))
                .unattributed(part(0, unattributed));
    }

    private static BreakdownPart part(int actors, Map<String, Long> totals) {
        return new BreakdownPart().actors(actors).totals(totals).engagements(Engagement.engagements(totals));
    }

    /** Bucket-by-bucket sum of two series of the same buckets (one per channel of a set). */
    private static List<SeriesBucket> add(List<SeriesBucket> a, List<SeriesBucket> b) {
        List<SeriesBucket> sum = new ArrayList<>(a.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Map<String, Long> totals = new TreeMap<>(a.get(i).getTotals());
            b.get(i).getTotals().forEach((type, total) -> totals.merge(type, total, Long::sum));
            sum.add(new SeriesBucket().start(a.get(i).getStart()).end(a.get(i).getEnd()).hours(a.get(i).getHours())
                    .engagements(a.get(i).getEngagements() + b.get(i).getEngagements()).totals(totals));
        }
        return sum;
    }

    static Network network(String value) {
        return value == null ? null : Network.fromValue(value);
    }
}
