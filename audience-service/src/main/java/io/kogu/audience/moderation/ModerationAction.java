package io.kogu.audience.moderation;

/**
 * One action of a rule: {@code type} is mark_spam, hide, assign, tag, raise_priority or alert; {@code value} is
 * the assignee (assign), the tag (tag) or the priority (raise_priority), null otherwise.
 */
public record ModerationAction(String type, String value) {
}
