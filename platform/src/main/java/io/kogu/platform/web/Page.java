package io.kogu.platform.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list and the cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Makes a page from rows read with {@code limit + 1}: the extra row only tells that another page follows.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, PageCursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
