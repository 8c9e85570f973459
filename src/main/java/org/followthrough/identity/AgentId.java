package org.followthrough.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record AgentId(@JsonValue UUID value) implements Serializable {
    public AgentId {
        Objects.requireNonNull(value, "value");
    }

    public static AgentId of(UUID value) {
        return value == null ? null : new AgentId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
