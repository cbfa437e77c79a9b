package io.kogu.platform.webhooks;

import java.time.Instant;

/** common.yaml {@code WebhookEndpointSecret}. */
public record WebhookSecretView(String secret, Instant previousSecretExpiresAt) {
}
