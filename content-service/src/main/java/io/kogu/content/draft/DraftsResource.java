package io.kogu.content.draft;

import io.kogu.content.api.DraftsApi;
import io.kogu.content.api.model.DraftInput;
import io.kogu.content.api.model.DraftPage;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.content.api.model.Revision;
import io.kogu.content.api.model.RevisionPage;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.OffsetDateTime;
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
        DraftContent content = DraftMapper.contentOf(input);
        // audience-service is asked first, outside the transaction that Idempotency.run opens for the write.
        drafts.requireAcceptableBeforeSaving(content);
        return idempotency.run(idempotencyKey, "createDraft", input, () -> {
            Draft draft = drafts.create(caller.workspaceId(), caller.subject(), content);
            return Response.created(uriInfo.getAbsolutePathBuilder().path(draft.id.toString()).build())
                    .tag(Versions.etag(draft.version)).entity(DraftMapper.toApi(draft)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getDraft(UUID draftId) {
        Draft draft = drafts.get(caller.workspaceId(), draftId);
        return Response.ok(DraftMapper.toApi(draft)).tag(Versions.etag(draft.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateDraft(UUID draftId, DraftInput input, String ifMatch) {
        DraftContent content = DraftMapper.contentOf(input);
        drafts.requireAcceptableBeforeSaving(content);
        Draft draft = drafts.update(caller.workspaceId(), draftId, caller.subject(), ifMatch, content);
        return Response.ok(DraftMapper.toApi(draft)).tag(Versions.etag(draft.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteDraft(UUID draftId, String ifMatch) {
        drafts.delete(caller.workspaceId(), draftId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listDrafts(Integer limit, String cursor, DraftStatus status, String tag, UUID channelId,
            String campaign, String author, OffsetDateTime createdFrom, OffsetDateTime createdTo, String q,
            String awaitingApprovalBy) {
        if (awaitingApprovalBy != null && !awaitingApprovalBy.equals("me")) {
            // The generated interface takes a String for the inline enum [me].
            throw io.kogu.platform.problem.ProblemException.invalid(java.util.List.of(new io.kogu.platform.problem.FieldError(
                    "awaitingApprovalBy", io.kogu.platform.problem.Expected.oneOf(java.util.List.of("me"), awaitingApprovalBy))));
        }
        if (awaitingApprovalBy != null && !caller.hasRole(Roles.APPROVER) && !caller.hasRole(Roles.ADMIN)) {
            // Nothing waits for the approval of someone who may not approve.
            return Response.ok(new DraftPage().items(java.util.List.of())).build();
        }
        DraftFilter filter = new DraftFilter(status == null ? null : status.toString(), tag, channelId, campaign, author,
                createdFrom == null ? null : createdFrom.toInstant(), createdTo == null ? null : createdTo.toInstant(),
                q == null || q.isBlank() ? null : q, awaitingApprovalBy == null ? null : caller.subject());
        Page<io.kogu.content.api.model.Draft> page = drafts
                .list(caller.workspaceId(), filter, Keyset.of(cursor, limit))
                .map(DraftMapper::toApi);
        return Response.ok(new DraftPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listDraftRevisions(UUID draftId, Integer limit, String cursor) {
        Page<Revision> page = drafts
                .revisions(caller.workspaceId(), draftId, Keyset.of(cursor, limit))
                .map(DraftMapper::toApi);
        return Response.ok(new RevisionPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getDraftRevision(UUID draftId, Integer revision) {
        return Response.ok(DraftMapper.toApi(drafts.revision(caller.workspaceId(), draftId, revision))).build();
    }

    /** The contract's view of a draft, for every resource that answers one. */
    public static io.kogu.content.api.model.Draft toApi(Draft draft) {
        return DraftMapper.toApi(draft);
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response validateDraft(UUID draftId) {
        Draft draft = drafts.get(caller.workspaceId(), draftId);
        return Response.ok(DraftMapper.toApi(draft, drafts.check(draft))).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response restoreDraftRevision(UUID draftId, Integer revision, String ifMatch) {
        drafts.requireAcceptableBeforeSaving(drafts.revisionContent(caller.workspaceId(), draftId, revision));
        Draft draft = drafts.restore(caller.workspaceId(), draftId, revision, caller.subject(), ifMatch);
        return Response.ok(DraftMapper.toApi(draft)).tag(Versions.etag(draft.version)).build();
    }
}
