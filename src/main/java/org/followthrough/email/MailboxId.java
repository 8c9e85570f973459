package org.followthrough.email;

import java.util.UUID;

public record MailboxId(UUID value) {

    public MailboxId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
