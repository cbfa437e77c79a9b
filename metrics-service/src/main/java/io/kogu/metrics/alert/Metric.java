package io.kogu.metrics.alert;

import java.util.Locale;

/** What an alert rule watches, per bucket (docs/metrics-service.md, "Alerts"). */
public enum Metric {
    /** Items of kind mention, not spam. */
    MENTIONS,
    /** Items of kind comment or reply, not spam. */
    COMMENTS,
    /** All items, spam included. */
    ITEMS,
    /** Spam items among all items. */
    SPAM_SHARE,
    /** Conversations waiting for an answer at the bucket's end (a level, not a flow). */
    UNANSWERED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
