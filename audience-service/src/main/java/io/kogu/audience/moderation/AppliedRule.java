package io.kogu.audience.moderation;

import java.util.List;
import java.util.UUID;

/** A moderation rule whose conditions an item met, and the actions it asks for (INTERFACES.md C). */
public record AppliedRule(UUID ruleId, String ruleName, List<ModerationAction> actions) {
}
