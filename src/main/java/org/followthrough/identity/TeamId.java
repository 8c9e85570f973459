package org.followthrough.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record TeamId(@JsonValue UUID value) implements Serializable {
    public TeamId {
        Objects.requireNonNull(value, "value");
    }

    public static TeamId of(UUID value) {
        return value == null ? null : new TeamId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
