package org.followthrough.customer;

import org.followthrough.platform.Text;

/** The input rules the customer module's aggregates share. */
final class Inputs {

    static final int MAX_NAME = 200;

    private Inputs() {}

    /** A name as stored: stripped, required, not too long. */
    static String requiredName(String name) {
        return Text.required("name", name, MAX_NAME);
    }

    /** Free text as stored: stripped, empty when not given. */
    static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }
}
