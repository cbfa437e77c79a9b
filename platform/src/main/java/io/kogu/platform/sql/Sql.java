package io.kogu.platform.sql;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with its parameters, kept apart: user values only ever travel as bound parameters, and the text is
 * made of fixed fragments and whitelisted names. One builder for both ways the services run SQL: plain JDBC
 * ({@link #text()} with {@code ?} placeholders and {@link #bind}) and JPA native queries ({@link #rows} and
 * {@link #list}, which number the placeholders {@code ?1, ?2, …}).
 */
public final class Sql {

    /** A parameter bound as a PostgreSQL array of {@code type} (JDBC only). */
    public record Array(String type, Object[] values) {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    /** Where each {@code ?} of {@link #text} stands, in order: the JPA form numbers them there. */
    private final List<Integer> placeholders = new ArrayList<>();

    /** A fixed fragment, taken as it is. */
    public Sql add(String fragment) {
        text.append(fragment);
        return this;
    }

    /** One bound parameter: a {@code ?} in the text. */
    public Sql param(Object value) {
        placeholders.add(text.length());
        text.append('?');
        params.add(value);
        return this;
    }

    /** Another builder's text and parameters, appended. */
    public Sql add(Sql other) {
        int shift = text.length();
        for (int at : other.placeholders) {
            placeholders.add(shift + at);
        }
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    /** {@code fragment} holds one {@code :p} per value, in order; each becomes a bound parameter. */
    public Sql append(String fragment, Object... values) {
        String rest = fragment;
        int next = 0;
        int at;
        while ((at = rest.indexOf(":p")) >= 0) {
            if (next == values.length) {
                throw new IllegalArgumentException("Fragment has more placeholders than its " + values.length + " values");
            }
            add(rest.substring(0, at)).param(values[next++]);
            rest = rest.substring(at + 2);
        }
        add(rest);
        if (next != values.length) {
            throw new IllegalArgumentException("Fragment has " + next + " placeholders for " + values.length + " values");
        }
        return this;
    }

    /** The text with JDBC placeholders ({@code ?}). */
    public String text() {
        return text.toString();
    }

    /** The text with numbered placeholders ({@code ?1, ?2, …}), as JPA native queries take them. */
    public String numberedText() {
        StringBuilder numbered = new StringBuilder(text.length() + 2 * placeholders.size());
        int from = 0;
        for (int i = 0; i < placeholders.size(); i++) {
            int at = placeholders.get(i);
            numbered.append(text, from, at + 1).append(i + 1);
            from = at + 1;
        }
        return numbered.append(text, from, text.length()).toString();
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

    public static void bindOne(PreparedStatement statement, int position, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof Array array) {
            statement.setArray(position, statement.getConnection().createArrayOf(array.type(), array.values()));
        } else {
            statement.setObject(position, value);
        }
    }

    /** The result rows of a JPA native query, each an {@code Object[]} of its columns. */
    @SuppressWarnings("unchecked")
    public List<Object[]> rows(EntityManager entityManager) {
        return nativeQuery(entityManager.createNativeQuery(numberedText())).getResultList();
    }

    /** The result rows of a JPA native query mapped to the entity {@code type}. */
    @SuppressWarnings("unchecked")
    public <T> List<T> list(EntityManager entityManager, Class<T> type) {
        return nativeQuery(entityManager.createNativeQuery(numberedText(), type)).getResultList();
    }

    private Query nativeQuery(Query query) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    /** {@code text} matched literally inside a LIKE pattern: the escape character, {@code %} and {@code _} escaped. */
    public static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A timestamp column of a result row, however the driver hands it over. */
    public static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    /** The text with JDBC placeholders. */
    @Override
    public String toString() {
        return text.toString();
    }
}
