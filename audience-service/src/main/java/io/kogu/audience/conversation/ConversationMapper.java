package io.kogu.audience.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.model.ConversationHistoryEntry;
import io.kogu.audience.api.model.ConversationItemKind;
import io.kogu.audience.api.model.ConversationItemMedia;
import io.kogu.audience.api.model.ConversationPriority;
import io.kogu.audience.api.model.ConversationState;
import io.kogu.audience.api.model.Network;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Conversations, items, notes and history entries as the API shows them. */
@ApplicationScoped
public class ConversationMapper {

    private static final TypeReference<List<Map<String, String>>> MEDIA = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    @Inject
    ConversationService conversations;

    public io.kogu.audience.api.model.Conversation toApi(Conversation c) {
        return new io.kogu.audience.api.model.Conversation()
                .id(c.id).channelId(c.channelId).network(Network.fromValue(c.network))
                .kind(io.kogu.audience.api.model.Conversation.KindEnum.fromValue(c.kind))
                .publicationId(c.publicationId).memberId(c.memberId)
                .state(ConversationState.fromValue(c.state)).assignee(c.assignee)
                .priority(ConversationPriority.fromValue(c.priority)).tags(List.copyOf(c.tags))
                .spam(c.spam).spamScore(c.spamScore).itemCount(c.itemCount)
                .lastText(c.lastText).lastAuthorHandle(c.lastAuthorHandle)
                .firstItemAt(utc(c.firstItemAt)).lastItemAt(utc(c.lastItemAt)).waitingSince(utc(c.waitingSince))
                .firstResponseAt(utc(c.firstResponseAt)).closedAt(utc(c.closedAt))
                .version(c.version).createdAt(utc(c.createdAt)).updatedAt(utc(c.updatedAt));
    }

    public io.kogu.audience.api.model.ConversationItem toApi(ConversationItem item) {
        return new io.kogu.audience.api.model.ConversationItem()
                .id(item.id).conversationId(item.conversationId).network(Network.fromValue(item.network))
                .channelId(item.channelId).externalId(item.externalId).kind(ConversationItemKind.fromValue(item.kind))
                .parentExternalId(item.parentExternalId).rootExternalId(item.rootExternalId)
                .publicationId(item.publicationId).authorHandle(item.authorHandle).authorName(item.authorName)
                .memberId(item.memberId).text(item.text).media(media(item.media)).url(item.url)
                .occurredAt(utc(item.occurredAt)).fromUs(item.fromUs).hidden(item.hidden).spamScore(item.spamScore)
                .createdAt(utc(item.createdAt));
    }

    public io.kogu.audience.api.model.ConversationNote toApi(ConversationNote note) {
        return new io.kogu.audience.api.model.ConversationNote().id(note.id).conversationId(note.conversationId)
                .author(note.author).text(note.text).createdAt(utc(note.createdAt));
    }

    public ConversationHistoryEntry toApi(Conversation c, HistoryEntry entry) {
        return new ConversationHistoryEntry().id(entry.id).conversationId(entry.conversationId)
                .action(ConversationHistoryEntry.ActionEnum.fromValue(entry.action)).actor(entry.actor)
                .automated(entry.automated).fromValue(entry.fromValue).toValue(entry.toValue).itemId(entry.itemId)
                .undoable(conversations.undoable(c, entry)).undoneAt(utc(entry.undoneAt)).undoOf(entry.undoOf)
                .createdAt(utc(entry.createdAt));
    }

    private List<ConversationItemMedia> media(String stored) {
        try {
            return json.readValue(stored, MEDIA).stream()
                    .map(m -> new ConversationItemMedia().url(m.get("url"))
                            .kind(ConversationItemMedia.KindEnum.fromValue(m.get("kind"))))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored media is not the JSON this service wrote", e);
        }
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
