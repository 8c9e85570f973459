package org.followthrough.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list and the cursor of the next page, if there is one. */
public record Slice<T>(List<T> items, String nextCursor) {

    /**
     * Builds a slice from a query that fetched {@code limit + 1} rows: the extra row only tells that
     * another page exists.
     */
    public static <T> Slice<T> of(List<T> fetched, int limit, Function<T, Keyset> keyOf) {
        if (fetched.size() <= limit) {
            return new Slice<>(fetched, null);
        }
        var page = fetched.subList(0, limit);
        return new Slice<>(List.copyOf(page), keyOf.apply(page.getLast()).encode());
    }

    public <R> Slice<R> map(Function<T, R> mapper) {
        return new Slice<>(items.stream().map(mapper).toList(), nextCursor);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
