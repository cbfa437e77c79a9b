package io.kogu.audience.moderation;

import java.util.List;

/** What the moderation decided about one item (INTERFACES.md C): its spam score, whether it is spam, the rules met. */
public record ModerationDecision(double spamScore, boolean spam, List<AppliedRule> rules) {
}
