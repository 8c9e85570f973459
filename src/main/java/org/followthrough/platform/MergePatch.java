package org.followthrough.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) as the API receives it: a field that is absent stays as it is, an
 * explicit {@code null} removes a value where the resource allows that, and a field the resource does
 * not have is refused by name rather than silently ignored.
 */
public final class MergePatch {

    private final JsonNode body;

    private MergePatch(JsonNode body) {
        this.body = body;
    }

    /** Reads a patch that may only touch {@code fields}. */
    public static MergePatch of(JsonNode body, Set<String> fields) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        for (var name : body.propertyNames()) {
            if (!fields.contains(name)) {
                throw new InvalidInputException(name, "is not a field that can be changed");
            }
        }
        return new MergePatch(body);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /** The patch sets this field to null: remove its value. */
    public boolean removes(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    /** The new text of a field, or null when the patch leaves it alone. */
    public String text(String field) {
        var node = present(field);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return node.stringValue();
    }

    public UUID uuid(String field) {
        var text = text(field);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an id (a UUID)");
        }
    }

    public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
        var text = text(field);
        if (text != null && text.isBlank()) {
            throw new InvalidInputException(field, "must be one of " + ApiNames.valuesOf(type));
        }
        return ApiNames.parse(type, field, text);
    }

    /** The new list of texts; an explicit null empties the list. Null when the patch leaves it alone. */
    public List<String> texts(String field) {
        if (!body.has(field)) {
            return null;
        }
        var node = body.get(field);
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field, "must be a list of strings");
        }
        var texts = new ArrayList<String>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new InvalidInputException(field + "[" + i + "]", "must be a string");
            }
            texts.add(node.get(i).stringValue());
        }
        return texts;
    }

    /** The raw value of a field for shapes this class does not know; null when absent or null. */
    public JsonNode node(String field) {
        var node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** A present, non-null value; a null on a field that cannot be removed is refused. */
    private JsonNode present(String field) {
        if (!body.has(field)) {
            return null;
        }
        var node = body.get(field);
        if (node.isNull()) {
            throw new InvalidInputException(field, "cannot be removed");
        }
        return node;
    }
}
