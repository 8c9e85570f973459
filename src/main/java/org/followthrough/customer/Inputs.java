package org.followthrough.customer;

import org.followthrough.platform.InvalidInputException;

/** The input rules the customer module's aggregates share. */
final class Inputs {

    static final int MAX_NAME = 200;

    private Inputs() {}

    /** A name as stored: stripped, required, not too long. */
    static String requiredName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new InvalidInputException("name", "must have at most " + MAX_NAME + " characters");
        }
        return name.strip();
    }

    /** Free text as stored: stripped, empty when not given. */
    static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }
}
