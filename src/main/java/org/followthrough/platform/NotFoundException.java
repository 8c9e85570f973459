package org.followthrough.platform;

/** Something asked for by id that does not exist (or that the caller may not know exists): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " was not found");
    }
}
