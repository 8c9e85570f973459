package org.followthrough.platform;

/** How many items a client may ask for in one page of a list: 25 unless it says, at most 100. */
public final class PageSize {

    public static final int DEFAULT = 25;
    public static final int MAX = 100;

    private PageSize() {}

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1 || requested > MAX) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX);
        }
        return requested;
    }
}
