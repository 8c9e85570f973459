package org.followthrough.email.parse;

/** Whether a machine rather than a person wrote a message, and which kind of machine. */
public enum AutoKind {
    /** A person wrote it. */
    NONE,
    /** An out-of-office, vacation or other automatic answer, or a notice that delivery is delayed. */
    AUTO_REPLY,
    /** Bulk mail: {@code Precedence: bulk}, {@code junk} or {@code list}. */
    BULK,
    /** A person writing through a mailing list: it may open a case, but is never answered automatically. */
    LIST,
    /** A message we sent could not be delivered. */
    BOUNCE
}
