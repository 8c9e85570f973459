package org.followthrough.platform;

/** Input that names a field and says what is wrong with it; answered with 400. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
