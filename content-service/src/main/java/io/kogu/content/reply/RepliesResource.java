package io.kogu.content.reply;

import io.kogu.content.api.RepliesApi;
import io.kogu.content.api.model.HiddenItem;
import io.kogu.content.api.model.Network;
import io.kogu.content.api.model.ReplyInput;
import io.kogu.content.api.model.ReplyPage;
import io.kogu.content.api.model.ReplyState;
import io.kogu.content.api.model.ReplyTarget;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

public class RepliesResource implements RepliesApi {

    @Inject
    ReplyService replies;

    @Inject
    HiddenItems hiddenItems;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.SERVICE})
    public Response createReply(ReplyInput input) {
        ReplyTarget target = input.getInReplyTo();
        Reply reply = replies.create(caller.workspaceId(), caller.subject(), new ReplyService.NewReply(input.getId(),
                input.getChannelId(), target.getExternalId().strip(), blankToNull(target.getRootExternalId()),
                blankToNull(target.getUrl()), input.getText(), input.getConversationId()));
        return Response.accepted(toApi(reply)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response getReply(UUID replyId) {
        return Response.ok(toApi(replies.get(caller.workspaceId(), replyId))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response listReplies(UUID conversationId, Integer limit, String cursor) {
        Page<Reply> page = replies.list(caller.workspaceId(), conversationId, Keyset.of(cursor, limit));
        return Response.ok(new ReplyPage().items(page.items().stream().map(RepliesResource::toApi).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response approveReply(UUID replyId) {
        return Response.ok(toApi(replies.approve(caller.workspaceId(), replyId, caller.subject()))).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN, Roles.SERVICE})
    public Response hideItem(UUID channelId, HiddenItem input) {
        boolean hidden = hiddenItems.hide(caller.workspaceId(), channelId, input.getExternalId().strip(),
                Boolean.TRUE.equals(input.getHidden()));
        return Response.ok(new HiddenItem().externalId(input.getExternalId().strip()).hidden(hidden)).build();
    }

    static io.kogu.content.api.model.Reply toApi(Reply reply) {
        return new io.kogu.content.api.model.Reply().id(reply.id).channelId(reply.channelId)
                .network(Network.fromValue(reply.network)).conversationId(reply.conversationId)
                .inReplyTo(new ReplyTarget().externalId(reply.inReplyTo).rootExternalId(reply.inReplyToRoot)
                        .url(reply.inReplyToUrl))
                .text(reply.text).state(ReplyState.fromValue(reply.visibleState())).externalId(reply.externalId)
                .url(reply.url).error(reply.reason).approvedBy(reply.approvedBy).createdAt(utc(reply.createdAt))
                .publishedAt(utc(reply.publishedAt));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
