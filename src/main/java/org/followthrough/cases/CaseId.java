package org.followthrough.cases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record CaseId(@JsonValue UUID value) implements Serializable {
    public CaseId {
        Objects.requireNonNull(value, "value");
    }

    public static CaseId of(UUID value) {
        return value == null ? null : new CaseId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
