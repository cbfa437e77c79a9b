package io.kogu.content.reply;

import io.kogu.content.client.AudienceIntake;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outbox receiver of {@code reply.outcome}: tells audience-service how a reply of one of its conversations
 * ended ({@code POST /v1/reply-outcomes}, INTERFACES.md B); a {@code published} one marks the conversation answered.
 */
@ApplicationScoped
public class AudienceReplyOutcomes implements OutboxReceiver {

    @Inject
    AudienceIntake audience;

    @Override
    public String eventType() {
        return ReplyWork.OUTCOME_EVENT;
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        audience.call(message.workspaceId(), api -> {
            api.replyOutcomes(message.payload());
            return null;
        });
    }
}
