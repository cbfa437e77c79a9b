package io.kogu.metrics.analytics;

import io.kogu.platform.problem.ProblemException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** IANA zone names from requests. */
public final class Zones {

    private Zones() {
    }

    public static ZoneId parse(String zone) {
        if (zone == null || zone.isBlank() || zone.equals("UTC") || zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "is not an IANA time zone name such as Europe/Tallinn");
        }
    }

    /** The name as the caller gave it (or UTC). */
    public static String name(String zone) {
        return zone == null || zone.isBlank() ? "UTC" : zone;
    }
}
