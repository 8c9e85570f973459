package org.followthrough.email.mailboxes;

import java.util.UUID;
import org.springframework.modulith.NamedInterface;

@NamedInterface("mailboxes")
public record MailboxId(UUID value) {

    public MailboxId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
