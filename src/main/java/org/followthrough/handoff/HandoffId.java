package org.followthrough.handoff;

import java.util.UUID;

public record HandoffId(UUID value) {

    public HandoffId {
        if (value == null) {
            throw new IllegalArgumentException("a handoff id needs a value");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
