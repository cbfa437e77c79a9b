package io.kogu.audience.moderation;

import java.util.List;

/**
 * Moderation's verdict on one item: the spam score (0..1), whether it is at or above the threshold, and the
 * rules that matched, in their order, with the actions the inbox applies.
 */
public record ModerationDecision(double spamScore, boolean spam, List<AppliedRule> rules) {
}
