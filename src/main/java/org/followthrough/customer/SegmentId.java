package org.followthrough.customer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record SegmentId(@JsonValue UUID value) implements Serializable {
    public SegmentId {
        Objects.requireNonNull(value, "value");
    }

    public static SegmentId of(UUID value) {
        return value == null ? null : new SegmentId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
