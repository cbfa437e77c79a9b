package io.kogu.metrics.alert;

/**
 * The detector's judgement of one bucket: whether it breaks out of its usual level, the level it was compared
 * with ({@code expected}: a count, or a share for {@code spam_share}), and how likely a count at least this high
 * was under that level ({@code tailProbability}, 1 when the bucket was not tested).
 */
public record Verdict(boolean breaking, Observation observed, double expected, double tailProbability, int samples) {

    /** Breaking out so far that no persistence is needed. */
    public boolean extreme() {
        return breaking && tailProbability < BreakoutDetector.EXTREME;
    }

    static Verdict quiet(Observation observed, double expected, double tailProbability, int samples) {
        return new Verdict(false, observed, expected, tailProbability, samples);
    }
}
