package io.kogu.platform.webhooks;

import jakarta.persistence.Query;
import org.hibernate.query.NativeQuery;

/** Binds a value that may be null with its type, so that PostgreSQL does not have to guess the type of a null. */
final class Params {

    private Params() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Query typed(Query query, String name, Object value, Class<?> type) {
        ((NativeQuery) query.unwrap(NativeQuery.class)).setParameter(name, value, (Class) type);
        return query;
    }
}
