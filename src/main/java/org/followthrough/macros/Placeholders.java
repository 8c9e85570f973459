package org.followthrough.macros;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.followthrough.platform.InvalidInputException;

/**
 * The placeholders a macro's text may use, written {@code {{customer.first_name}}}, and how a text
 * is filled in. A placeholder nobody knows is refused when the macro is saved, so a customer never
 * receives a literal {@code {{custmer.name}}}.
 */
public final class Placeholders {

    /** Every placeholder there is, in the order the macro form lists them. */
    public static final List<String> KNOWN = List.of(
            "customer.name",
            "customer.first_name",
            "customer.address_as",
            "case.number",
            "case.subject",
            "agent.name",
            "agent.first_name",
            "team.name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*}}");

    private Placeholders() {}

    /** Refuses a text naming a placeholder that is not {@link #KNOWN}, naming the field and the culprit. */
    static void check(String field, String text) {
        var unknown = new LinkedHashSet<String>();
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            var name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                unknown.add("{{" + matcher.group(1) + "}}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    field,
                    "uses " + String.join(", ", unknown) + ", which is not a placeholder; use one of "
                            + String.join(
                                    ", ",
                                    KNOWN.stream().map(k -> "{{" + k + "}}").toList()));
        }
    }

    /** The text with each known placeholder replaced by its value; a value nobody has becomes empty. */
    static String fill(String text, Map<String, String> values) {
        var matcher = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            var value = values.get(matcher.group(1).toLowerCase(Locale.ROOT));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The placeholders a text uses, for the macro list. */
    static Set<String> used(String text) {
        var used = new LinkedHashSet<String>();
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            used.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return used;
    }

    /** A person's first name as a greeting uses it: the first word of their name. */
    static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        var stripped = name.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }
}
