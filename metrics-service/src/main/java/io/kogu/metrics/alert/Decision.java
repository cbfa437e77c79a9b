package io.kogu.metrics.alert;

import java.time.Instant;

/**
 * What one evaluation of a rule concluded: whether to raise an alert now, whether the current bucket (starting at
 * {@code bucketStart}, perhaps still filling) breaks out, and the detector's verdict on it. {@code breaking} without
 * {@code raise} means persistence is not reached yet, or the rule is cooling down.
 */
public record Decision(boolean raise, boolean breaking, boolean coolingDown, Instant bucketStart, Verdict verdict) {
}
