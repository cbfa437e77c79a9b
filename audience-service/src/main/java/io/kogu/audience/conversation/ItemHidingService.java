package io.kogu.audience.conversation;

import io.kogu.audience.client.content.ApiException;
import io.kogu.audience.reply.ContentReplies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * A person hides an item (or shows it again): content-service hides it on the network first, as the caller, outside
 * any transaction; then the inbox records it with a history entry (undoable like every hide).
 */
@ApplicationScoped
public class ItemHidingService {

    @Inject
    ConversationService conversations;

    @Inject
    ConversationEdits edits;

    @Inject
    ContentReplies content;

    public ConversationItem hide(String workspaceId, UUID conversationId, UUID itemId, boolean hidden, String actor) {
        ConversationItem item = conversations.item(workspaceId, conversationId, itemId);
        try {
            content.hide(item.channelId, item.externalId, hidden);
        } catch (ApiException e) {
            throw ContentReplies.refused(e, hidden ? "hiding the item" : "showing the item");
        }
        return record(workspaceId, conversationId, itemId, hidden, actor);
    }

    @Transactional
    ConversationItem record(String workspaceId, UUID conversationId, UUID itemId, boolean hidden, String actor) {
        Conversation conversation = conversations.get(workspaceId, conversationId);
        ConversationItem item = conversations.item(workspaceId, conversationId, itemId);
        edits.hidden(conversation, item, hidden, actor, false, false);
        return item;
    }
}
