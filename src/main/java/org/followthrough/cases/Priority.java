package org.followthrough.cases;

/** How urgent a case is; stored as its rank so that inboxes can sort by it from an index. */
public enum Priority {
    LOW(1),
    NORMAL(2),
    HIGH(3),
    URGENT(4);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Priority ofRank(int rank) {
        for (var priority : values()) {
            if (priority.rank == rank) {
                return priority;
            }
        }
        throw new IllegalArgumentException("No priority of rank " + rank);
    }

    public String messageKey() {
        return "priority." + name();
    }
}
