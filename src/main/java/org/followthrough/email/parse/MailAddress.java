package org.followthrough.email.parse;

import java.util.Objects;

/**
 * A mailbox as a header named it: the display name ({@code ""} when none) and the address as written,
 * trimmed but not lower-cased.
 */
public record MailAddress(String name, String address) {

    public MailAddress {
        name = name == null ? "" : name;
        Objects.requireNonNull(address, "address");
    }
}
