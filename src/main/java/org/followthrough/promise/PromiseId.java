package org.followthrough.promise;

import java.util.UUID;
import org.followthrough.platform.InvalidInputException;

public record PromiseId(UUID value) {

    public PromiseId {
        if (value == null) {
            throw new IllegalArgumentException("a promise id needs a value");
        }
    }

    public static PromiseId parse(String text, String field) {
        try {
            return new PromiseId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(field, "is not an id");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
