package io.kogu.audience.moderation;

/**
 * One action of a moderation rule (INTERFACES.md C): {@code type} is mark_spam, hide, assign, tag, raise_priority
 * or alert; {@code value} the assignee, the tag or the priority (null where the type takes none).
 */
public record ModerationAction(String type, String value) {

    public static final String MARK_SPAM = "mark_spam";
    public static final String HIDE = "hide";
    public static final String ASSIGN = "assign";
    public static final String TAG = "tag";
    public static final String RAISE_PRIORITY = "raise_priority";
    public static final String ALERT = "alert";
}
