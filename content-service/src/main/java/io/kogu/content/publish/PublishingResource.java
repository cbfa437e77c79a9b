package io.kogu.content.publish;

import io.kogu.content.api.PublishingApi;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.content.api.model.Network;
import io.kogu.content.api.model.PublicationAttempt;
import io.kogu.content.api.model.PublicationPage;
import io.kogu.content.api.model.PublicationResolution;
import io.kogu.content.api.model.PublicationState;
import io.kogu.content.api.model.PublishNowInput;
import io.kogu.content.api.model.PublishNowResult;
import io.kogu.content.schedule.SchedulingService;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public class PublishingResource implements PublishingApi {

    @Inject
    PublicationService service;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listPublications(Integer limit, String cursor, UUID draft, UUID channel, PublicationState state,
            OffsetDateTime from, OffsetDateTime to) {
        Page<Publication> page = service.list(caller.workspaceId(), new PublicationService.Filter(draft, channel,
                state == null ? null : state.toString(), from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant()), PageCursor.decode(cursor), PageCursor.limit(limit));
        List<io.kogu.content.api.model.Publication> items = toApi(page.items());
        return Response.ok(new PublicationPage().items(items).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getPublication(UUID publicationId) {
        return one(service.get(caller.workspaceId(), publicationId));
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response publishDraftNow(UUID draftId, String ifMatch, PublishNowInput input) {
        SchedulingService.Scheduled scheduled = service.publishNow(caller.workspaceId(), draftId, ifMatch, caller.subject(),
                input == null || input.getChannelIds() == null || input.getChannelIds().isEmpty() ? null : List.copyOf(input.getChannelIds()));
        return Response.accepted(new PublishNowResult().draftId(draftId)
                        .status(DraftStatus.fromValue(scheduled.draft().status)).version(scheduled.draft().version)
                        .publications(toApi(scheduled.publications())))
                .tag(Versions.etag(scheduled.draft().version)).build();
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response retryPublication(UUID publicationId, String ifMatch) {
        return one(service.retry(caller.workspaceId(), publicationId, ifMatch, caller.subject()));
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response resolvePublication(UUID publicationId, PublicationResolution input, String ifMatch) {
        return one(service.resolve(caller.workspaceId(), publicationId, ifMatch, caller.subject(),
                Boolean.TRUE.equals(input.getPublished()), input.getUrl(), input.getExternalId(), input.getNote()));
    }

    private Response one(Publication publication) {
        return Response.ok(toApi(List.of(publication)).get(0)).tag(Versions.etag(publication.version)).build();
    }

    private List<io.kogu.content.api.model.Publication> toApi(List<Publication> publications) {
        Map<UUID, List<PublicationService.Attempt>> attempts = service.attempts(publications.stream().map(p -> p.id).toList());
        Instant now = clock.instant();
        return publications.stream().map(p -> new io.kogu.content.api.model.Publication()
                .id(p.id).draftId(p.draftId).channelId(p.channelId).network(Network.fromValue(p.network))
                .slotId(p.slotId).occurrence(p.occurrenceDate).dueAt(utc(p.dueAt))
                .state(PublicationState.fromValue(p.visibleState(now)))
                .nextAttemptAt(Publication.QUEUED.equals(p.state) ? utc(p.nextAttemptAt) : null)
                .reason(p.reason).externalId(p.externalId).url(p.url).publishedAt(utc(p.publishedAt))
                .attempts(attempts.getOrDefault(p.id, List.of()).stream().map(a -> new PublicationAttempt()
                        .number(a.number()).startedAt(utc(a.startedAt())).finishedAt(utc(a.finishedAt()))
                        .outcome(PublicationAttempt.OutcomeEnum.fromValue(a.outcome())).httpStatus(a.httpStatus())
                        .errorCode(a.errorCode()).reason(a.reason()).actor(a.actor())).toList())
                .version(p.version).createdAt(utc(p.createdAt)).updatedAt(utc(p.updatedAt))).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
