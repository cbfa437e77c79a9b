package io.kogu.metrics.analytics;

import io.kogu.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A period [from, to) of at most 400 days, and the one of the same length just before it. */
public record Period(Instant from, Instant to) {

    static final Duration MAX = Duration.ofDays(400);

    public static Period of(OffsetDateTime from, OffsetDateTime to) {
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX) > 0) {
            throw ProblemException.invalid("to", "a period is at most 400 days");
        }
        return new Period(from.toInstant(), to.toInstant());
    }

    public Instant previousFrom() {
        return from.minus(Duration.between(from, to));
    }
}
