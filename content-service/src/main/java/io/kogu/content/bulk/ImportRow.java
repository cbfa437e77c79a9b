package io.kogu.content.bulk;

import java.util.List;

/** One row of an import file as read, before it is checked; the fields are the file's text. */
public record ImportRow(int line, String title, String body, List<String> channels, List<String> tags, String campaign,
        String link, String notes, String scheduledAt, String timeZone) {
}
