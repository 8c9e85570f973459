package org.followthrough.promise;

import java.util.UUID;

public record PromiseId(UUID value) {

    public PromiseId {
        if (value == null) {
            throw new IllegalArgumentException("a promise id needs a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
