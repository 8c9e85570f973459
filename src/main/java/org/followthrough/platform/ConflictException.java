package org.followthrough.platform;

/** A request that is well-formed but not allowed in the current state of things: 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
