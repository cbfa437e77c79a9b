package io.kogu.audience.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * What an erased member wrote in the inbox is forgotten with them: their items keep their place in the conversation
 * (counts and response times stay true) but lose the text, media, link, name and handle, and the conversations they
 * wrote in get their search text and latest text again from what remains.
 */
@ApplicationScoped
public class ConversationErasure {

    public static final String ERASED_AUTHOR = "(erased)";

    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String workspaceId, UUID memberId) {
        List<ConversationItem> items = ConversationItem.<ConversationItem>find("workspaceId = ?1 and memberId = ?2",
                workspaceId, memberId).list();
        for (ConversationItem item : items) {
            item.text = "";
            item.media = "[]";
            item.url = null;
            item.authorName = null;
            item.authorExternalId = null;
            item.authorHandle = ERASED_AUTHOR;
        }
        ConversationItem.flush();
        for (UUID conversationId : items.stream().map(i -> i.conversationId).distinct().toList()) {
            Conversation conversation = Conversation.findById(conversationId);
            String searchText = "";
            ConversationItem last = null;
            for (ConversationItem item : ConversationItem.<ConversationItem>find(
                    "conversationId = ?1 order by occurredAt, id", conversationId).list()) {
                searchText = ConversationText.append(searchText, item.text, item.authorHandle, item.authorName);
                last = item;
            }
            conversation.searchText = searchText;
            conversation.lastText = last == null ? null : ConversationText.cut(last.text, ConversationIntake.LAST_TEXT);
            conversation.lastAuthorHandle = last == null ? null : last.authorHandle;
        }
    }
}
