package org.followthrough.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * A group of customers that matters to how we serve them (Everyday, Premium, VIP), managed by
 * admins. Its name is required; that no other segment has it, ignoring case, is the desk's to check.
 */
public final class Segment {

    private final SegmentId id;
    private final String name;
    private final String description;
    private final Instant createdAt;

    Segment(SegmentId id, String name, String description, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
    }

    static Segment define(SegmentId id, String name, String description, Instant now) {
        return new Segment(id, Inputs.requiredName(name), Inputs.trimmed(description), now);
    }

    public SegmentId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
