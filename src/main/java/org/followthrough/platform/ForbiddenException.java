package org.followthrough.platform;

/** The caller is known but may not do this: 403. */
public class ForbiddenException extends RuntimeException {

    private final String field;

    public ForbiddenException(String message) {
        this(null, message);
    }

    /** Refused because of what the request says in this field (an owner named, say). */
    public ForbiddenException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request's field the refusal is about, or null. */
    public String field() {
        return field;
    }
}
