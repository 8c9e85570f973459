package org.followthrough.email.parse;

/** Nothing sensible could be read from the bytes: they are empty, have no header block, or are binary. */
public final class UnparseableMailException extends RuntimeException {

    UnparseableMailException(String reason) {
        super(reason);
    }
}
