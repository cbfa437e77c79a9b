package io.kogu.platform.sql;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows for {@code COPY … FROM STDIN}, written in PostgreSQL's text format and sent through the driver's
 * {@code CopyManager}: the cheapest way to store many rows (no statement per row, no arrays to bind). Values
 * travel as data, never as SQL; the target names a table and its columns, fixed by the caller.
 *
 * <pre>{@code
 * CopyRows rows = new CopyRows("engagement_event (workspace_id, event_id, occurred_at)");
 * rows.row(workspaceId, eventId, occurredAt);
 * long stored = rows.copy(connection);
 * }</pre>
 */
public final class CopyRows {

    private final String target;
    private final int columns;
    private final StringBuilder text = new StringBuilder(64 * 1024);
    private int rows;

    /** {@code target}: a table and its column list, e.g. {@code rollup_backlog (workspace_id, total)}. */
    public CopyRows(String target) {
        this.target = target;
        int open = target.indexOf('(');
        this.columns = open < 0 ? -1 : target.substring(open).split(",").length;
    }

    /** One row, its values in the order of the target's columns; null is SQL NULL. */
    public CopyRows row(Object... values) {
        if (columns >= 0 && values.length != columns) {
            throw new IllegalArgumentException("A row of " + target + " has " + columns + " values, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            append(values[i]);
        }
        text.append('\n');
        rows++;
        return this;
    }

    public int size() {
        return rows;
    }

    /** The rows as COPY reads them (for tests). */
    String encoded() {
        return text.toString();
    }

    /** Sends the rows in one {@code COPY} on the connection (in its transaction); answers how many were stored. */
    public long copy(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + target + " from stdin", new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory does not fail
        }
    }

    /**
     * A value in the text format: {@code \N} for null, instants in ISO-8601 UTC (read as the same instant
     * whatever the session's time zone), text with backslash, tab, newline and carriage return escaped.
     */
    private void append(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Instant instant) {
            appendInstant(instant);
        } else if (value instanceof Long number) {
            text.append(number.longValue());
        } else {
            appendText(value.toString());
        }
    }

    private void appendText(String s) {
        int plain = 0;
        while (plain < s.length() && !special(s.charAt(plain))) {
            plain++;
        }
        if (plain == s.length()) { // the usual case: nothing to escape
            text.append(s);
            return;
        }
        text.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * {@code 2026-03-01T10:00:00.123456789Z}, written digit by digit: {@code Instant.toString} goes through
     * {@code DateTimeFormatter}, which cost more than the rest of a row. Years outside 1000–9999 take that way.
     */
    private void appendInstant(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 1000 || utc.getYear() > 9999) {
            text.append(instant);
            return;
        }
        text.append(utc.getYear()).append('-');
        pad(utc.getMonthValue(), 2).append('-');
        pad(utc.getDayOfMonth(), 2).append('T');
        pad(utc.getHour(), 2).append(':');
        pad(utc.getMinute(), 2).append(':');
        pad(utc.getSecond(), 2);
        if (utc.getNano() != 0) {
            text.append('.');
            pad(utc.getNano(), 9);
        }
        text.append('Z');
    }

    private StringBuilder pad(int value, int width) {
        for (int bound = 10, digits = 1; digits < width; bound *= 10, digits++) {
            if (value < bound) {
                text.append('0');
            }
        }
        return text.append(value);
    }
}
