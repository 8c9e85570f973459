package org.followthrough.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What text the product accepts from people and integrators: stored exactly as given or refused by
 * name, never altered. A single-line value (a name, subject, tag, address, search) may not carry
 * control characters, line breaks, bidirectional overrides or invisible format characters, because
 * they change what a reader sees; a multi-line value (a message body, notes) may carry tabs and line
 * breaks but no other control character. No value may carry an unpaired surrogate, which is not text
 * and would be stored as {@code ?}.
 */
public final class Text {

    /** Marks a record component, form field or request parameter whose value may span lines. */
    @Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface MultiLine {}

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Text() {}

    /** Refuses a single-line value that carries a character not allowed in it; null passes. */
    public static String singleLine(String field, String value) {
        var problem = problem(value, false);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return value;
    }

    /** Refuses a multi-line value that carries a character not allowed in it; null passes. */
    public static String multiLine(String field, String value) {
        var problem = problem(value, true);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return value;
    }

    /**
     * A text as stored: stripped, or null when not given or blank; refused naming the field when
     * longer than {@code max} characters once stripped. The length rule every aggregate shares.
     */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var stripped = value.strip();
        if (stripped.length() > max) {
            throw new InvalidInputException(field, "must have at most " + max + " characters");
        }
        return stripped;
    }

    /** {@link #optional}, but a missing or blank text is refused naming the field. */
    public static String required(String field, String value, int max) {
        var stripped = optional(field, value, max);
        if (stripped == null) {
            throw new InvalidInputException(field, "must not be blank");
        }
        return stripped;
    }

    /**
     * Checks every text a request record carries, components marked {@link MultiLine} as multi-line,
     * every other one as single-line, through nested records, lists and maps; the field named in a
     * refusal is its path ({@code customer.name}, {@code tags[2]}).
     */
    public static void check(Object value) {
        check("", value, false);
    }

    /** What is wrong with a value, or null when it may be stored. */
    public static String problem(String value, boolean multiLine) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isSurrogate((char) c)) {
                return "contains an unpaired surrogate " + hex(c) + ", which is not text";
            }
            if (!allowed(c, multiLine)) {
                return (multiLine
                                ? "contains a control character that is not allowed in text: "
                                : "contains a character that is not allowed in a single line of text: ")
                        + hex(c)
                        + describe(c);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static boolean allowed(int c, boolean multiLine) {
        int type = Character.getType(c);
        if (multiLine) {
            return type != Character.CONTROL || c == '\n' || c == '\r' || c == '\t';
        }
        return switch (type) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            // Bidi overrides, isolates and marks, zero-width spaces, soft hyphens and tag characters
            // all make a value read differently from what it is; the joiners are kept because several
            // scripts and emoji sequences need them.
            case Character.FORMAT -> c == ZERO_WIDTH_NON_JOINER || c == ZERO_WIDTH_JOINER;
            default -> true;
        };
    }

    private static String hex(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    private static String describe(int c) {
        var name = Character.getName(c);
        return name == null ? "" : " (" + name + ")";
    }

    private static void check(String path, Object value, boolean multiLine) {
        switch (value) {
            case null -> {}
            case String text -> {
                var problem = problem(text, multiLine);
                if (problem != null) {
                    throw new InvalidInputException(path.isEmpty() ? "body" : path, problem);
                }
            }
            case Collection<?> items -> {
                int i = 0;
                for (var item : items) {
                    check(path + "[" + i++ + "]", item, multiLine);
                }
            }
            case Map<?, ?> entries ->
                entries.forEach((key, item) -> {
                    check(path, String.valueOf(key), false);
                    check(join(path, String.valueOf(key)), item, multiLine);
                });
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    Object item;
                    try {
                        var accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        item = accessor.invoke(record);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    check(join(path, component.getName()), item, component.isAnnotationPresent(MultiLine.class));
                }
            }
            default -> {}
        }
    }

    /**
     * Checks every text of a JSON body read as a tree (a merge patch, say); {@code shape} is the
     * record that documents the body, whose {@link MultiLine} components say which fields may span
     * lines. Null when the body has no documented shape: then every text is single-line.
     */
    public static void check(JsonNode body, Class<?> shape) {
        check("", body, shape, false);
    }

    private static void check(String path, JsonNode node, Type shape, boolean multiLine) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            var problem = problem(node.stringValue(), multiLine);
            if (problem != null) {
                throw new InvalidInputException(path.isEmpty() ? "body" : path, problem);
            }
        } else if (node.isArray()) {
            var element = shape instanceof ParameterizedType list && list.getActualTypeArguments().length == 1
                    ? list.getActualTypeArguments()[0]
                    : null;
            for (int i = 0; i < node.size(); i++) {
                check(path + "[" + i + "]", node.get(i), element, multiLine);
            }
        } else if (node.isObject()) {
            var components = shape instanceof Class<?> type && type.isRecord() ? type.getRecordComponents() : null;
            for (var name : node.propertyNames()) {
                var problem = problem(name, false);
                if (problem != null) {
                    throw new InvalidInputException(path.isEmpty() ? "body" : path, "has a field name that " + problem);
                }
                RecordComponent component = null;
                if (components != null) {
                    for (var candidate : components) {
                        if (candidate.getName().equals(name)) {
                            component = candidate;
                        }
                    }
                }
                check(
                        join(path, name),
                        node.get(name),
                        component == null ? null : component.getGenericType(),
                        component != null && component.isAnnotationPresent(MultiLine.class));
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
