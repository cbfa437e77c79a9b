package io.kogu.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads RFC 3339 date-times of the usual shape ({@code 2026-03-01T10:00:00Z}, {@code …:00.123456+02:00}) by
 * hand, several times faster than {@code DateTimeFormatter} (which was a third of the CPU time of reading an
 * NDJSON event stream). Any other text, and any value the hand parser does not take, goes to Jackson's own
 * {@code OffsetDateTime} deserializer, so what is accepted, and the message of a refusal, stay as they were.
 * Values come out at UTC, as Jackson's default (dates adjusted to the context's time zone, UTC) gives them.
 */
public final class Rfc3339Dates extends StdDeserializer<OffsetDateTime> {

    /** A module to register on a mapper (or a copy of one) whose readers take many date-times. */
    public static SimpleModule module() {
        return new SimpleModule("kogu-rfc3339-dates").addDeserializer(OffsetDateTime.class, new Rfc3339Dates());
    }

    Rfc3339Dates() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            OffsetDateTime parsed = parse(parser.getText());
            if (parsed != null) {
                return parsed;
            }
        }
        return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)} at UTC, or null when the text has another shape or names no
     * real instant (30 February, hour 24, a leap second…): the caller then lets Jackson decide.
     */
    static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            int count = at - start;
            if (count < 1 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int hours = digits(text, at + 1, 2);
            int minutes = digits(text, at + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            OffsetDateTime local = OffsetDateTime.of(year, month, day, hour, minute, second, nanos,
                    ZoneOffset.ofTotalSeconds(offsetSeconds));
            return offsetSeconds == 0 ? local : local.withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException notARealInstant) {
            return null;
        }
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
