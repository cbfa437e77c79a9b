package io.kogu.audience.segment.rule;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with its parameters, kept apart: user values only ever travel as bound parameters, and the text
 * is made of fixed fragments and whitelisted column names.
 */
public final class Sql {

    /** A parameter bound as a PostgreSQL array of {@code type}. */
    public record Array(String type, Object[] values) {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public Sql add(String fragment) {
        text.append(fragment);
        return this;
    }

    public Sql param(Object value) {
        text.append('?');
        params.add(value);
        return this;
    }

    public Sql add(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    public String text() {
        return text.toString();
    }

    public List<Object> params() {
        return Collections.unmodifiableList(params);
    }

    /** Binds the parameters from position {@code first}; answers the next free position. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        int position = first;
        for (Object value : params) {
            bindOne(statement, position++, value);
        }
        return position;
    }

    /** {@code text} matched literally inside a LIKE pattern: the escape character, {@code %} and {@code _} escaped. */
    public static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public static void bindOne(PreparedStatement statement, int position, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof Array array) {
            statement.setArray(position, statement.getConnection().createArrayOf(array.type(), array.values()));
        } else {
            statement.setObject(position, value);
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
