package org.followthrough.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enumerated values look in the API: lower snake case ({@code waiting_on_customer}). Clients may
 * send any case, and hyphens or spaces for underscores; an unknown value is a 400 naming the field and
 * listing the values it takes.
 */
public final class ApiNames {

    private ApiNames() {}

    public static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant a client named, or null when it named none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var name = text.strip().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be one of " + valuesOf(type));
        }
    }

    public static String valuesOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(ApiNames::of).collect(Collectors.joining(", "));
    }
}
