package io.kogu.platform.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook endpoint as the API shows it (common.yaml {@code WebhookEndpoint}); never its secret. */
public record WebhookEndpointView(UUID id, String url, List<String> eventTypes, String description, boolean enabled,
                                  String disabledReason, Instant failingSince, Instant previousSecretExpiresAt,
                                  Instant createdAt, Instant updatedAt, long version) {
}
