package io.kogu.content.channel;

import io.kogu.platform.problem.FieldError;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What an admin sets on a channel. {@code credentials} null or empty keeps the stored ones. */
public record ChannelSettings(String network, String handle, String displayName, Map<String, String> credentials,
        String timeZone, List<Channel.PostingWindow> postingWindows, Integer maxCharacters, Map<String, String> connection) {

    /** Never prints the credentials: this record may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "ChannelSettings[network=" + network + ", handle=" + handle + ", timeZone=" + timeZone + "]";
    }

    /**
     * Every problem of a time zone and posting windows, each with its field: a zone that is not an IANA zone,
     * a window that does not end after it starts, one listed twice, two of a weekday that overlap. Times that
     * are not {@code HH:mm} are the field constraints' to name; they are skipped here.
     */
    public static List<FieldError> problems(String timeZone, List<Channel.PostingWindow> windows) {
        List<FieldError> errors = new ArrayList<>();
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "is not an IANA time zone (e.g. Europe/Tallinn)"));
            }
        }
        LocalTime[][] times = new LocalTime[windows.size()][];
        for (int i = 0; i < windows.size(); i++) {
            Channel.PostingWindow window = windows.get(i);
            LocalTime start = time(window.start());
            LocalTime end = time(window.end());
            if (start != null && end != null) {
                if (!start.isBefore(end)) {
                    errors.add(new FieldError("postingWindows[" + i + "].end", "must be after start (" + window.start() + ")"));
                } else {
                    times[i] = new LocalTime[] {start, end};
                }
            }
        }
        for (int i = 0; i < windows.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (times[i] == null || times[j] == null || windows.get(i).weekday() == null
                        || !windows.get(i).weekday().equals(windows.get(j).weekday())) {
                    continue;
                }
                if (times[i][0].equals(times[j][0]) && times[i][1].equals(times[j][1])) {
                    errors.add(new FieldError("postingWindows[" + i + "]", "is listed twice (as postingWindows[" + j + "])"));
                    break;
                }
                if (times[i][0].isBefore(times[j][1]) && times[j][0].isBefore(times[i][1])) {
                    errors.add(new FieldError("postingWindows[" + i + "]", "overlaps postingWindows[" + j + "] on "
                            + windows.get(i).weekday()));
                    break;
                }
            }
        }
        return errors;
    }

    private static LocalTime time(String value) {
        if (value == null || !value.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
