package io.kogu.platform.web;

import io.kogu.platform.sql.Sql;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Keyset pagination of a list ordered newest first by (creation time, id): the one place that writes the
 * "after the cursor" condition, the order, the read of {@code limit + 1} rows (the extra row only tells that
 * another page follows) and the cursor of the next page ({@link PageCursor}, so cursors stay as they were).
 *
 * <p>HQL (Panache): {@code keyset.find("workspaceId = :workspace", parameters, "",
 * (q, p) -> Channel.<Channel>find(q, p), c -> new PageCursor(c.createdAt, c.id))}. Native SQL ({@link Sql}):
 * {@code keyset.where(sql, "m.")}, run it, then {@code keyset.page(rows, cursorOf)}.
 */
public record Keyset(PageCursor after, int limit) {

    /** The parameter names the HQL form binds; a query using the keyset must not use them for anything else. */
    static final String AFTER_CREATED_AT = "keysetCreatedAt";
    static final String AFTER_ID = "keysetId";

    /** The keyset of a request: its decoded cursor (a 400 when it is not one of ours) and its limit. */
    public static Keyset of(String cursor, Integer limit) {
        return new Keyset(PageCursor.decode(cursor), PageCursor.limit(limit));
    }

    /**
     * One page of an HQL query with named parameters: {@code where} (a condition, or several joined by
     * {@code and}), the condition after the cursor, the order and the {@code limit + 1} read. {@code alias}
     * prefixes the {@code createdAt} and {@code id} attributes ({@code ""} or {@code "m."}); {@code find} is the
     * entity's own finder, e.g. {@code (query, values) -> Member.<Member>find(query, values)}.
     */
    public <T> Page<T> find(String where, Parameters parameters, String alias,
                            BiFunction<String, Parameters, PanacheQuery<T>> find, Function<T, PageCursor> cursorOf) {
        // range() is inclusive: limit + 1 rows.
        return page(find.apply(hql(where, parameters, alias), parameters).range(0, limit).list(), cursorOf);
    }

    /** The HQL of {@link #find}: {@code where}, the condition after the cursor (bound into parameters), the order. */
    public String hql(String where, Parameters parameters, String alias) {
        String createdAt = alias + "createdAt";
        String id = alias + "id";
        StringBuilder query = new StringBuilder(where);
        if (after != null) {
            query.append(" and (").append(createdAt).append(" < :").append(AFTER_CREATED_AT).append(" or (")
                    .append(createdAt).append(" = :").append(AFTER_CREATED_AT).append(" and ").append(id)
                    .append(" < :").append(AFTER_ID).append("))");
            parameters.and(AFTER_CREATED_AT, after.createdAt()).and(AFTER_ID, after.id());
        }
        return query.append(" order by ").append(createdAt).append(" desc, ").append(id).append(" desc").toString();
    }

    /**
     * Appends to native SQL (whose where clause has begun) the condition after the cursor, the order and the
     * limit of {@code limit + 1} rows; {@code alias} prefixes the {@code created_at} and {@code id} columns.
     */
    public Sql where(Sql sql, String alias) {
        String createdAt = alias + "created_at";
        String id = alias + "id";
        if (after != null) {
            sql.add(" and (" + createdAt + ", " + id + ") < (").param(after.createdAt()).add(", ").param(after.id())
                    .add(")");
        }
        return sql.add(" order by " + createdAt + " desc, " + id + " desc limit ").param(limit + 1);
    }

    /** The page of up to {@code limit + 1} rows read in order. */
    public <T> Page<T> page(List<T> rows, Function<T, PageCursor> cursorOf) {
        return Page.of(rows, limit, cursorOf);
    }
}
