package io.kogu.content.listen;

import io.kogu.content.api.ListeningApi;
import io.kogu.content.api.model.CurationInput;
import io.kogu.content.api.model.MonitorCounts;
import io.kogu.content.api.model.MonitorHour;
import io.kogu.content.api.model.MonitorInput;
import io.kogu.content.api.model.MonitorMatch;
import io.kogu.content.api.model.MonitorMatchPage;
import io.kogu.content.api.model.MonitorPage;
import io.kogu.content.api.model.SourceHealth;
import io.kogu.content.api.model.SourceInput;
import io.kogu.content.api.model.SourceKind;
import io.kogu.content.api.model.SourcePage;
import io.kogu.content.api.model.StoryItem;
import io.kogu.content.api.model.StoryMarks;
import io.kogu.content.api.model.StoryPage;
import io.kogu.content.api.model.StorySort;
import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftMapper;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Listening and curation over HTTP: sources, the stream of stories, marks, curation, monitors. */
public class ListeningResource implements ListeningApi {


    @Inject
    Sources sources;

    @Inject
    Stories stories;

    @Inject
    Monitors monitors;

    @Inject
    Curation curation;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Context
    UriInfo uriInfo;

    // --- sources ---

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listSources(Integer limit, String cursor, Boolean competitor) {
        Page<io.kogu.content.api.model.Source> page = sources.list(caller.workspaceId(), competitor,
                Keyset.of(cursor, limit)).map(this::toApi);
        return Response.ok(new SourcePage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response createSource(SourceInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createSource", input, () -> {
            Source source = sources.create(caller.workspaceId(), settingsOf(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(source.id.toString()).build())
                    .tag(Versions.etag(source.version)).entity(toApi(source)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getSource(UUID sourceId) {
        Source source = sources.get(caller.workspaceId(), sourceId);
        return Response.ok(toApi(source)).tag(Versions.etag(source.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateSource(UUID sourceId, SourceInput input, String ifMatch) {
        Source source = sources.update(caller.workspaceId(), sourceId, ifMatch, settingsOf(input));
        return Response.ok(toApi(source)).tag(Versions.etag(source.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteSource(UUID sourceId, String ifMatch) {
        sources.delete(caller.workspaceId(), sourceId, ifMatch);
        return Response.noContent().build();
    }

    // --- stories ---

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listStories(Integer limit, String cursor, UUID sourceId, UUID monitorId, Boolean competitor,
                                Boolean read, Boolean saved, OffsetDateTime from, OffsetDateTime to, StorySort sort) {
        StoryFilter filter = new StoryFilter(sourceId, monitorId, competitor, read, saved, instant(from), instant(to),
                sort == StorySort.MOST_SHARED);
        Page<StoryView> page = stories.list(caller.workspaceId(), caller.subject(), filter, cursor,
                PageCursor.limit(limit));
        return Response.ok(new StoryPage().items(page.items().stream().map(ListeningResource::toApi).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getStory(UUID storyId) {
        return Response.ok(toApi(stories.get(caller.workspaceId(), caller.subject(), storyId))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response markStory(UUID storyId, StoryMarks marks) {
        return Response.ok(toApi(stories.mark(caller.workspaceId(), caller.subject(), storyId, marks.getRead(),
                marks.getSaved()))).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response curateStory(UUID storyId, String idempotencyKey, CurationInput input) {
        UUID monitorId = input == null ? null : input.getMonitorId();
        return idempotency.run(idempotencyKey, "curateStory", Map.of("storyId", storyId.toString(),
                "monitorId", String.valueOf(monitorId)), () -> {
            Draft draft = curation.curate(caller.workspaceId(), caller.subject(), storyId, monitorId);
            return Response.created(uriInfo.getBaseUriBuilder().path("v1/drafts").path(draft.id.toString()).build())
                    .tag(Versions.etag(draft.version)).entity(DraftMapper.toApi(draft)).build();
        });
    }

    // --- monitors ---

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listMonitors(Integer limit, String cursor) {
        Page<io.kogu.content.api.model.Monitor> page = monitors.list(caller.workspaceId(), Keyset.of(cursor, limit))
                .map(ListeningResource::toApi);
        return Response.ok(new MonitorPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response createMonitor(MonitorInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createMonitor", input, () -> {
            Monitor monitor = monitors.create(caller.workspaceId(), settingsOf(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(monitor.id.toString()).build())
                    .tag(Versions.etag(monitor.version)).entity(toApi(monitor)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getMonitor(UUID monitorId) {
        Monitor monitor = monitors.get(caller.workspaceId(), monitorId);
        return Response.ok(toApi(monitor)).tag(Versions.etag(monitor.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateMonitor(UUID monitorId, MonitorInput input, String ifMatch) {
        Monitor monitor = monitors.update(caller.workspaceId(), monitorId, ifMatch, settingsOf(input));
        return Response.ok(toApi(monitor)).tag(Versions.etag(monitor.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteMonitor(UUID monitorId, String ifMatch) {
        monitors.delete(caller.workspaceId(), monitorId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listMonitorMatches(UUID monitorId, Integer limit, String cursor) {
        Page<Monitors.Match> page = monitors.matches(caller.workspaceId(), monitorId, Keyset.of(cursor, limit));
        Map<UUID, StoryView> views = new HashMap<>();
        for (Monitors.Match match : page.items()) {
            views.put(match.storyId(), stories.get(caller.workspaceId(), caller.subject(), match.storyId()));
        }
        return Response.ok(new MonitorMatchPage().items(page.items().stream().map(m -> new MonitorMatch()
                        .matchedAt(m.matchedAt().atOffset(ZoneOffset.UTC)).story(toApi(views.get(m.storyId())))).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response countMonitorMatches(UUID monitorId, OffsetDateTime from, OffsetDateTime to) {
        Instant end = to != null ? to.toInstant() : clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = from != null ? from.toInstant().truncatedTo(ChronoUnit.HOURS) : end.minus(Duration.ofHours(24));
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(start, end).toHours() > Monitors.MAX_HOURS) {
            throw ProblemException.invalid("to", "at most " + Monitors.MAX_HOURS + " hours (31 days) after from");
        }
        List<Monitors.Hour> hours = monitors.counts(caller.workspaceId(), monitorId, start, end);
        return Response.ok(new MonitorCounts().monitorId(monitorId).from(start.atOffset(ZoneOffset.UTC))
                .to(end.atOffset(ZoneOffset.UTC)).total(hours.stream().mapToLong(Monitors.Hour::count).sum())
                .hours(hours.stream().map(h -> new MonitorHour().startAt(h.startAt().atOffset(ZoneOffset.UTC))
                        .count(h.count())).toList())).build();
    }

    // --- mapping ---

    private static SourceSettings settingsOf(SourceInput input) {
        return new SourceSettings(input.getKind().toString(), blankToNull(input.getUrl()), blankToNull(input.getQuery()),
                blankToNull(input.getInstanceUrl()), blankToNull(input.getTag()), blankToNull(input.getTitle()),
                Boolean.TRUE.equals(input.getCompetitor()));
    }

    private static Monitors.Settings settingsOf(MonitorInput input) {
        return new Monitors.Settings(input.getName(), list(input.getAll()), list(input.getAny()), list(input.getNone()),
                input.getTags() == null ? List.of() : new ArrayList<>(input.getTags()),
                Boolean.TRUE.equals(input.getWebhook()));
    }

    private static List<String> list(List<String> terms) {
        return terms == null ? List.of() : terms;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private io.kogu.content.api.model.Source toApi(Source source) {
        return new io.kogu.content.api.model.Source().id(source.id).kind(SourceKind.fromValue(source.kind))
                .url(source.url).feedUrl(source.feedUrl).query(source.query).instanceUrl(source.instanceUrl)
                .tag(source.tag).title(source.title).competitor(source.competitor)
                .health(new SourceHealth().lastFetchAt(utc(source.lastFetchAt)).lastSuccessAt(utc(source.lastSuccessAt))
                        .lastError(source.lastError).lastStatus(source.lastStatus)
                        .consecutiveFailures(source.consecutiveFailures).nextFetchAt(utc(source.nextFetchAt))
                        .itemsPerDay(sources.itemsPerDay(source.id)))
                .version(source.version).createdAt(utc(source.createdAt)).updatedAt(utc(source.updatedAt));
    }

    private static io.kogu.content.api.model.Story toApi(StoryView story) {
        return new io.kogu.content.api.model.Story().id(story.id()).title(story.title()).url(story.url())
                .summary(story.summary()).firstSeenAt(utc(story.firstSeenAt())).publishedAt(utc(story.publishedAt()))
                .sourceCount(story.sourceCount()).competitor(story.competitor())
                .items(story.items().stream().map(i -> new StoryItem().sourceId(i.sourceId()).sourceTitle(i.sourceTitle())
                        .competitor(i.competitor()).url(i.url()).title(i.title()).summary(i.summary())
                        .author(i.author()).publishedAt(utc(i.publishedAt())).seenAt(utc(i.seenAt()))).toList())
                .monitorIds(story.monitorIds()).read(story.read()).saved(story.saved());
    }

    private static io.kogu.content.api.model.Monitor toApi(Monitor monitor) {
        return new io.kogu.content.api.model.Monitor().id(monitor.id).name(monitor.name).all(monitor.allTerms)
                .any(monitor.anyTerms).none(monitor.noneTerms).tags(monitor.tags).webhook(monitor.webhook)
                .version(monitor.version).createdAt(utc(monitor.createdAt)).updatedAt(utc(monitor.updatedAt));
    }
}
