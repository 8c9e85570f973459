package org.followthrough.customer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record OrganizationId(@JsonValue UUID value) implements Serializable {
    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganizationId of(UUID value) {
        return value == null ? null : new OrganizationId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
