package org.followthrough.customer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record CustomerId(@JsonValue UUID value) implements Serializable {
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    public static CustomerId of(UUID value) {
        return value == null ? null : new CustomerId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
