package io.kogu.metrics.alert;

/**
 * What one bucket holds for a rule's metric: {@code count} (items, mentions, comments, spam items, or conversations
 * waiting for an answer) and, for a share, the {@code total} it is a share of (all items). {@code total} is 0 for
 * the volume metrics.
 */
public record Observation(long count, long total) {

    public static final Observation NONE = new Observation(0, 0);

    public static Observation of(long count) {
        return new Observation(count, 0);
    }

    public double share() {
        return total == 0 ? 0 : (double) count / total;
    }
}
