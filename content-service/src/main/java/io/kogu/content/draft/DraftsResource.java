package io.kogu.content.draft;

import io.kogu.content.api.DraftsApi;
import io.kogu.content.api.model.DraftInput;
import io.kogu.content.api.model.DraftPage;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

public class DraftsResource implements DraftsApi {

    @Inject
    DraftService drafts;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response createDraft(DraftInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createDraft", input, () -> {
            Draft draft = drafts.create(caller.workspaceId(), caller.subject(), contentOf(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(draft.id.toString()).build())
                    .tag(Versions.etag(draft.version)).entity(toApi(draft)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response getDraft(UUID draftId) {
        Draft draft = drafts.get(caller.workspaceId(), draftId);
        return Response.ok(toApi(draft)).tag(Versions.etag(draft.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateDraft(UUID draftId, DraftInput input, String ifMatch) {
        Draft draft = drafts.update(caller.workspaceId(), draftId, ifMatch, contentOf(input));
        return Response.ok(toApi(draft)).tag(Versions.etag(draft.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteDraft(UUID draftId, String ifMatch) {
        drafts.delete(caller.workspaceId(), draftId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response listDrafts(Integer limit, String cursor, DraftStatus status, String tag) {
        Page<io.kogu.content.api.model.Draft> page = drafts
                .list(caller.workspaceId(), status == null ? null : status.toString(), tag, PageCursor.decode(cursor),
                        PageCursor.limit(limit))
                .map(DraftsResource::toApi);
        return Response.ok(new DraftPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    private static DraftContent contentOf(DraftInput input) {
        return new DraftContent(input.getTitle(), input.getBody() == null ? "" : input.getBody(),
                input.getTags() == null ? List.of() : List.copyOf(input.getTags()),
                input.getTargetSegmentIds() == null ? List.of() : List.copyOf(input.getTargetSegmentIds()));
    }

    private static io.kogu.content.api.model.Draft toApi(Draft draft) {
        return new io.kogu.content.api.model.Draft()
                .id(draft.id)
                .title(draft.title)
                .body(draft.body)
                .tags(draft.tags)
                .targetSegmentIds(draft.targetSegmentIds)
                .status(DraftStatus.fromValue(draft.status))
                .version(draft.version)
                .createdAt(draft.createdAt.atOffset(ZoneOffset.UTC))
                .updatedAt(draft.updatedAt.atOffset(ZoneOffset.UTC))
                .createdBy(draft.createdBy);
    }
}
