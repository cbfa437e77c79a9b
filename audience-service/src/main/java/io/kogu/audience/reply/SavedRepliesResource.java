package io.kogu.audience.reply;

import io.kogu.audience.api.SavedRepliesApi;
import io.kogu.audience.api.model.SavedReplyInput;
import io.kogu.audience.api.model.SavedReplyPage;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** Saved replies over HTTP. */
public class SavedRepliesResource implements SavedRepliesApi {

    @Inject
    Caller caller;

    @Inject
    SavedReplyService savedReplies;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listSavedReplies(Integer limit, String cursor) {
        var page = savedReplies.list(caller.workspaceId(), Keyset.of(cursor, limit)).map(ReplyMapper::toApi);
        return Response.ok(new SavedReplyPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response createSavedReply(SavedReplyInput input) {
        SavedReply saved = savedReplies.create(caller.workspaceId(), input);
        return Response.status(Response.Status.CREATED).tag(Versions.etag(saved.version))
                .entity(ReplyMapper.toApi(saved)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getSavedReply(UUID savedReplyId) {
        SavedReply saved = savedReplies.get(caller.workspaceId(), savedReplyId);
        return Response.ok(ReplyMapper.toApi(saved)).tag(Versions.etag(saved.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateSavedReply(UUID savedReplyId, SavedReplyInput input, String ifMatch) {
        SavedReply saved = savedReplies.update(caller.workspaceId(), savedReplyId, ifMatch, input);
        return Response.ok(ReplyMapper.toApi(saved)).tag(Versions.etag(saved.version)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteSavedReply(UUID savedReplyId, String ifMatch) {
        savedReplies.delete(caller.workspaceId(), savedReplyId, ifMatch);
        return Response.noContent().build();
    }
}
