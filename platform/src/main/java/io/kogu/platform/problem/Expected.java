package io.kogu.platform.problem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a value of a type must look like, said the same way for a query or path parameter and for a JSON field
 * (issue 11, "errors that help"): the expected form with an example, the allowed values of an enum, and why a
 * date is not a date-time.
 */
public final class Expected {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern LOCAL_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    private static final int SHOWN = 40;

    private Expected() {
    }

    /** "a UUID", "one of [x, facebook]", "an ISO-8601 date-time with offset, e.g. 2026-03-01T09:00:00Z". */
    public static String description(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + allowedValues(type);
        }
        if (type == UUID.class) {
            return "a UUID, e.g. 3f2b8a52-5d6e-4c1a-9a57-2b0f6f1c9e10";
        }
        if (type == OffsetDateTime.class || type == Instant.class || type == ZonedDateTime.class) {
            return "an ISO-8601 date-time with offset, e.g. 2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date, e.g. 2026-03-01";
        }
        if (type == LocalTime.class) {
            return "a time of day, e.g. 09:30";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "an IANA time zone, e.g. Europe/Tallinn";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }

    /** The field error message for {@code given}, which is not a {@code type}: "must be a UUID; got 'abc'". */
    public static String message(Class<?> type, Object given) {
        String value = given == null ? null : given.toString();
        if (value != null && isDateTime(type) && DATE.matcher(value).matches()) {
            return "is a date, but a date-time is expected: give the time and offset too, e.g. " + value + "T00:00:00Z";
        }
        if (value != null && isDateTime(type) && LOCAL_DATE_TIME.matcher(value).matches()) {
            return "has no offset: a date-time needs one, e.g. " + value + "Z or " + value + "+01:00";
        }
        if (value != null && type == LocalDate.class && DATE_TIME.matcher(value).matches()) {
            return "is a date-time, but a date is expected here, e.g. " + value.substring(0, 10);
        }
        return "must be " + description(type) + (value == null ? "" : "; got " + shown(value));
    }

    /** "must be one of [me]; got 'bob'": for a string parameter the contract limits to a few values. */
    public static String oneOf(List<String> allowed, String given) {
        return "must be one of " + allowed + (given == null ? "" : "; got " + shown(given));
    }

    /** The wire values of an enum, as its JSON names them (generated enums answer them from toString). */
    public static List<String> allowedValues(Class<?> enumType) {
        Object[] constants = enumType.getEnumConstants();
        return constants == null ? List.of() : Arrays.stream(constants).map(String::valueOf).toList();
    }

    /** The caller's value, quoted and cut to a few characters. */
    public static String shown(String value) {
        String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
        return "'" + cut + "'";
    }

    private static boolean isDateTime(Class<?> type) {
        return type == OffsetDateTime.class || type == Instant.class || type == ZonedDateTime.class;
    }
}
