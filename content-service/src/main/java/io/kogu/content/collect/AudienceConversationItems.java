package io.kogu.content.collect;

import io.kogu.content.client.AudienceIntake;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outbox receiver of {@code conversation.items}: hands a batch of collected items to audience-service
 * ({@code POST /v1/conversation-items}, INTERFACES.md A), which is idempotent per network and item id.
 */
@ApplicationScoped
public class AudienceConversationItems implements OutboxReceiver {

    @Inject
    AudienceIntake audience;

    @Override
    public String eventType() {
        return ConversationWork.ITEMS_EVENT;
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        audience.call(message.workspaceId(), api -> api.conversationItems(message.payload()));
    }
}
