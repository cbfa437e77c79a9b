package io.kogu.audience.outbox;

import io.kogu.audience.client.content.ApiException;
import io.kogu.audience.client.content.RepliesApi;
import io.kogu.audience.client.content.model.HiddenItem;
import io.kogu.audience.conversation.ConversationItem;
import io.kogu.platform.outbox.Outbox;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * Hiding (or showing again) an item on its network when a moderation rule or an undo asks for it: written to the
 * outbox with the change, delivered to content-service (POST /v1/channels/{channelId}/hidden-items, INTERFACES.md
 * B) as the service, retried until it is. A network that cannot hide answers 409: nothing to retry, so the
 * delivery ends there (logged by the dispatcher as delivered; the item stays hidden in the inbox).
 */
@ApplicationScoped
public class NetworkHiding implements OutboxReceiver {

    public static final String ITEM_HIDING = "conversation.item_hiding";

    @ConfigProperty(name = "kogu.content-url")
    URI contentUrl;

    @Inject
    ServiceClients clients;

    @Inject
    Outbox outbox;

    @Override
    public String eventType() {
        return ITEM_HIDING;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void request(ConversationItem item, boolean hidden) {
        outbox.write(UUID.randomUUID(), item.workspaceId, ITEM_HIDING,
                Map.of("channelId", item.channelId.toString(), "externalId", item.externalId, "hidden", hidden));
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        RepliesApi client = clients.build(RepliesApi.class, contentUrl, "content-service", message.workspaceId());
        try {
            HiddenItem hiding = new HiddenItem().externalId(message.payload().path("externalId").asText())
                    .hidden(message.payload().path("hidden").asBoolean());
            client.hideItem(UUID.fromString(message.payload().path("channelId").asText()), hiding);
        } catch (ApiException e) {
            if (e.getResponse() == null || e.getResponse().getStatus() != 409) {
                throw e;
            }
        } finally {
            ServiceClients.close(client);
        }
    }
}
