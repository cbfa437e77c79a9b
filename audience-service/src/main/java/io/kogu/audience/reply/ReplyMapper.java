package io.kogu.audience.reply;

import io.kogu.audience.api.model.ConversationReplyState;

import static io.kogu.audience.conversation.ConversationMapper.utc;

/** Replies and saved replies as the API shows them. */
public final class ReplyMapper {

    private ReplyMapper() {
    }

    public static io.kogu.audience.api.model.ConversationReply toApi(ConversationReply reply) {
        return new io.kogu.audience.api.model.ConversationReply().id(reply.id).conversationId(reply.conversationId)
                .itemId(reply.itemId).text(reply.text).state(ConversationReplyState.fromValue(reply.state))
                .externalId(reply.externalId).url(reply.url).error(reply.error).createdBy(reply.createdBy)
                .createdAt(utc(reply.createdAt)).publishedAt(utc(reply.publishedAt));
    }

    public static io.kogu.audience.api.model.SavedReply toApi(SavedReply saved) {
        return new io.kogu.audience.api.model.SavedReply().id(saved.id).name(saved.name).text(saved.text)
                .fields(ReplyTemplate.fields(saved.text)).version(saved.version).createdAt(utc(saved.createdAt))
                .updatedAt(utc(saved.updatedAt));
    }
}
