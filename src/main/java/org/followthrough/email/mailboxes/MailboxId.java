package org.followthrough.email.mailboxes;

import java.util.Objects;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

@NamedInterface("mailboxes")
public record MailboxId(UUID value) {

    public MailboxId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
