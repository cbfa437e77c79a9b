package io.kogu.metrics.analytics;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A native query assembled from fixed fragments, every value a bind parameter (never concatenated). */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code fragment} holds one {@code :p} per value, in order; they become numbered parameters. */
    public Sql append(String fragment, Object... values) {
        String rest = fragment;
        int next = 0;
        int at;
        while ((at = rest.indexOf(":p")) >= 0) {
            text.append(rest, 0, at);
            parameters.add(values[next++]);
            text.append('?').append(parameters.size());
            rest = rest.substring(at + 2);
        }
        text.append(rest);
        if (next != values.length) {
            throw new IllegalArgumentException("Fragment has " + next + " placeholders for " + values.length + " values");
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> rows(EntityManager entityManager) {
        Query query = entityManager.createNativeQuery(text.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.getResultList();
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

    @Override
    public String toString() {
        return text.toString();
    }
}
