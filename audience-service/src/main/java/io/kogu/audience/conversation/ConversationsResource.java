package io.kogu.audience.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.audience.api.ConversationsApi;
import io.kogu.audience.api.model.ConversationHistoryPage;
import io.kogu.audience.api.model.ConversationItemBatch;
import io.kogu.audience.api.model.ConversationItemPage;
import io.kogu.audience.api.model.ConversationItemResult;
import io.kogu.audience.api.model.ConversationItemResults;
import io.kogu.audience.api.model.ConversationNoteInput;
import io.kogu.audience.api.model.ConversationNotePage;
import io.kogu.audience.api.model.ConversationPage;
import io.kogu.audience.api.model.ConversationPriority;
import io.kogu.audience.api.model.ConversationReplyInput;
import io.kogu.audience.api.model.ConversationReplyPage;
import io.kogu.audience.api.model.ConversationState;
import io.kogu.audience.api.model.ItemHiding;
import io.kogu.audience.api.model.ReplyOutcome;
import io.kogu.audience.member.MemberService;
import io.kogu.audience.reply.ReplyMapper;
import io.kogu.audience.reply.ReplyService;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** The inbox over HTTP: intake, views, changes, notes, history and undo, replies and hiding (issue 13). */
public class ConversationsResource implements ConversationsApi {

    @Inject
    Caller caller;

    @Inject
    ConversationIntake intake;

    @Inject
    ConversationQueries queries;

    @Inject
    ConversationService conversations;

    @Inject
    ConversationMapper mapper;

    @Inject
    ItemHidingService hiding;

    @Inject
    ReplyService replies;

    @Inject
    MemberService members;

    @Override
    @RolesAllowed({Roles.SERVICE, Roles.INTEGRATION, Roles.EDITOR, Roles.ADMIN})
    public Response receiveConversationItems(ConversationItemBatch batch) {
        var results = intake.receive(caller.workspaceId(), batch.getItems(), caller.subject());
        return Response.ok(new ConversationItemResults().items(results.stream()
                .map(r -> new ConversationItemResult().externalId(r.externalId()).itemId(r.itemId())
                        .conversationId(r.conversationId())
                        .outcome(r.created() ? ConversationItemResult.OutcomeEnum.CREATED
                                : ConversationItemResult.OutcomeEnum.DUPLICATE))
                .toList())).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listConversations(Integer limit, String cursor, UUID channelId, ConversationState state,
                                      String assignee, ConversationPriority priority, Integer unansweredForMinutes,
                                      Boolean spam, String tag, String q) {
        var filters = new ConversationQueries.Filters(channelId, state == null ? null : state.toString(), assignee,
                priority == null ? null : priority.toString(), unansweredForMinutes, spam, tag, q);
        return conversationPage(queries.list(caller.workspaceId(), filters, Keyset.of(cursor, limit)));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listMemberConversations(UUID memberId, Integer limit, String cursor) {
        members.get(caller.workspaceId(), memberId);
        return conversationPage(queries.ofMember(caller.workspaceId(), memberId, Keyset.of(cursor, limit)));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getConversation(UUID conversationId) {
        return conversation(conversations.get(caller.workspaceId(), conversationId));
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response changeConversation(UUID conversationId, JsonNode body, String ifMatch) {
        ConversationChanges changes = ConversationChanges.parse(body);
        return conversation(conversations.change(caller.workspaceId(), conversationId, ifMatch, changes,
                caller.subject()));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listConversationItems(UUID conversationId, Integer limit, String cursor) {
        Page<ConversationItem> page = conversations.items(caller.workspaceId(), conversationId, Keyset.of(cursor, limit));
        return Response.ok(new ConversationItemPage().items(page.map(mapper::toApi).items())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response hideConversationItem(UUID conversationId, UUID itemId, ItemHiding body) {
        ConversationItem item = hiding.hide(caller.workspaceId(), conversationId, itemId, body.getHidden(),
                caller.subject());
        return Response.ok(mapper.toApi(item)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listConversationNotes(UUID conversationId, Integer limit, String cursor) {
        Page<ConversationNote> page = conversations.notes(caller.workspaceId(), conversationId, Keyset.of(cursor, limit));
        return Response.ok(new ConversationNotePage().items(page.map(mapper::toApi).items())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response addConversationNote(UUID conversationId, ConversationNoteInput input) {
        ConversationNote note = conversations.addNote(caller.workspaceId(), conversationId, input.getText(),
                caller.subject());
        return Response.status(Response.Status.CREATED).entity(mapper.toApi(note)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listConversationHistory(UUID conversationId, Integer limit, String cursor) {
        Conversation c = conversations.get(caller.workspaceId(), conversationId);
        Page<HistoryEntry> page = conversations.history(caller.workspaceId(), conversationId, Keyset.of(cursor, limit));
        return Response.ok(new ConversationHistoryPage().items(page.map(e -> mapper.toApi(c, e)).items())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response undoConversationChange(UUID conversationId, UUID entryId) {
        return conversation(conversations.undo(caller.workspaceId(), conversationId, entryId, caller.subject()));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listConversationReplies(UUID conversationId, Integer limit, String cursor) {
        var page = replies.list(caller.workspaceId(), conversationId, Keyset.of(cursor, limit)).map(ReplyMapper::toApi);
        return Response.ok(new ConversationReplyPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response replyToConversation(UUID conversationId, ConversationReplyInput input, String idempotencyKey) {
        var reply = replies.reply(caller.workspaceId(), conversationId, input, idempotencyKey, caller.subject());
        return Response.accepted(ReplyMapper.toApi(reply)).build();
    }

    @Override
    @RolesAllowed(Roles.SERVICE)
    public Response receiveReplyOutcome(ReplyOutcome outcome) {
        replies.outcome(caller.workspaceId(), outcome);
        return Response.noContent().build();
    }

    private Response conversation(Conversation c) {
        return Response.ok(mapper.toApi(c)).tag(Versions.etag(c.version)).build();
    }

    private Response conversationPage(Page<Conversation> page) {
        return Response.ok(new ConversationPage().items(page.map(mapper::toApi).items())
                .nextCursor(page.nextCursor())).build();
    }
}
