package io.kogu.audience.moderation;

/**
 * One action of a moderation rule (INTERFACES.md C): {@code type} is mark_spam, hide, assign, tag, raise_priority
 * or alert; {@code value} the assignee, the tag or the priority (null where the type takes none).
 */
public record ModerationAction(String type, String value) {
}
