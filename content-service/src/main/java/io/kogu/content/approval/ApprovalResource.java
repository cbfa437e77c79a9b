package io.kogu.content.approval;

import io.kogu.content.api.ApprovalApi;
import io.kogu.content.api.model.ApprovalPolicyInput;
import io.kogu.content.api.model.Comment;
import io.kogu.content.api.model.CommentInput;
import io.kogu.content.api.model.CommentPage;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.content.api.model.ReviewInput;
import io.kogu.content.api.model.Transition;
import io.kogu.content.api.model.TransitionPage;
import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftsResource;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.ZoneOffset;
import java.util.UUID;

public class ApprovalResource implements ApprovalApi {

    @Inject
    ReviewService reviews;

    @Inject
    ApprovalPolicyService policies;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getApprovalPolicy() {
        ApprovalPolicy policy = policies.get(caller.workspaceId());
        return Response.ok(toApi(policy)).tag(Versions.etag(policy.version)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response updateApprovalPolicy(ApprovalPolicyInput input, String ifMatch) {
        ApprovalPolicy policy = policies.update(caller.workspaceId(), ifMatch, input.getApprovalRequired(),
                input.getRequiredApprovals(), Boolean.TRUE.equals(input.getRepliesNeedApproval()));
        return Response.ok(toApi(policy)).tag(Versions.etag(policy.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response submitDraft(UUID draftId, ReviewInput input, String ifMatch) {
        return draft(reviews.submit(caller.workspaceId(), draftId, ifMatch, caller.subject(), input.getComment()));
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response approveDraft(UUID draftId, ReviewInput input, String ifMatch) {
        return draft(reviews.approve(caller.workspaceId(), draftId, ifMatch, caller.subject(), input.getComment()));
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response requestDraftChanges(UUID draftId, ReviewInput input, String ifMatch) {
        return draft(reviews.requestChanges(caller.workspaceId(), draftId, ifMatch, caller.subject(), input.getComment()));
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response archiveDraft(UUID draftId, ReviewInput input, String ifMatch) {
        return draft(reviews.archive(caller.workspaceId(), draftId, ifMatch, caller.subject(), input.getComment()));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listDraftHistory(UUID draftId, Integer limit, String cursor) {
        Page<Transition> page = reviews
                .history(caller.workspaceId(), draftId, Keyset.of(cursor, limit))
                .map(ApprovalResource::toApi);
        return Response.ok(new TransitionPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response addDraftComment(UUID draftId, CommentInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "addDraftComment:" + draftId, input, () -> {
            DraftComment comment = reviews.comment(caller.workspaceId(), draftId, caller.subject(), input.getBody());
            return Response.status(Response.Status.CREATED).entity(toApi(comment)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listDraftComments(UUID draftId, Integer limit, String cursor) {
        Page<Comment> page = reviews
                .comments(caller.workspaceId(), draftId, Keyset.of(cursor, limit))
                .map(ApprovalResource::toApi);
        return Response.ok(new CommentPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    private static Response draft(Draft draft) {
        return Response.ok(DraftsResource.toApi(draft)).tag(Versions.etag(draft.version)).build();
    }

    private static io.kogu.content.api.model.ApprovalPolicy toApi(ApprovalPolicy policy) {
        return new io.kogu.content.api.model.ApprovalPolicy()
                .approvalRequired(policy.approvalRequired)
                .requiredApprovals(policy.requiredApprovals)
                .repliesNeedApproval(policy.repliesNeedApproval)
                .version(policy.version)
                .updatedAt(policy.updatedAt == null ? null : policy.updatedAt.atOffset(ZoneOffset.UTC));
    }

    private static Transition toApi(DraftTransition transition) {
        return new Transition()
                .id(transition.id)
                .action(transition.action)
                .from(transition.fromStatus)
                .to(DraftStatus.fromValue(transition.toStatus))
                .actor(transition.actor)
                .actorName(transition.actorName)
                .comment(transition.comment)
                .createdAt(transition.createdAt.atOffset(ZoneOffset.UTC));
    }

    private static Comment toApi(DraftComment comment) {
        return new Comment().id(comment.id).draftId(comment.draftId).body(comment.body).author(comment.author)
                .createdAt(comment.createdAt.atOffset(ZoneOffset.UTC));
    }
}
