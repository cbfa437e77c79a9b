package io.kogu.audience.moderation;

import java.util.List;
import java.util.UUID;

/** A moderation rule that matched an item, with the actions it asks for. */
public record AppliedRule(UUID ruleId, String ruleName, List<ModerationAction> actions) {
}
