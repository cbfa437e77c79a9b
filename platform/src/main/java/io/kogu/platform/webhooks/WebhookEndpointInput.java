package io.kogu.platform.webhooks;

import java.util.List;

/** What a client sets on an endpoint (common.yaml {@code WebhookEndpointInput}); enabled null means true. */
public record WebhookEndpointInput(String url, List<String> eventTypes, String description, Boolean enabled) {
}
