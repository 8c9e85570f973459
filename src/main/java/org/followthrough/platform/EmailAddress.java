package org.followthrough.platform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for what an email address is, for customers, agents and mailboxes alike: an RFC 5321
 * / 5322 addr-spec, with UTF-8 allowed in both parts as RFC 6531 allows. A sender a mail system
 * accepted is someone we can answer, so single-label and intranet domains ({@code root@localhost},
 * {@code a@intranet}) and address literals ({@code ops@[192.0.2.1]}) are addresses; characters that
 * make an address read as something it is not (controls, bidi overrides, zero-width characters) are
 * not.
 */
public final class EmailAddress {

    /** RFC 5321 4.5.3.1: the longest path is 256 octets with its angle brackets. */
    public static final int MAX_LENGTH = 254;

    public static final int MAX_LOCAL_PART = 64;
    private static final int MAX_LABEL = 63;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddress() {}

    public static boolean isValid(String address) {
        return problem(address).isEmpty();
    }

    /**
     * The address stripped of surrounding white space, or an {@link InvalidInputException} naming
     * {@code field}.
     */
    public static String require(String field, String address) {
        var stripped = address == null ? "" : address.strip();
        problem(stripped).ifPresent(problem -> {
            throw new InvalidInputException(field, problem);
        });
        return stripped;
    }

    /** What is wrong with the address, in words for the person who typed it; empty when nothing is. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("must be an email address");
        }
        for (int i = 0; i < address.length(); ) {
            int c = address.codePointAt(i);
            if (invisibleOrControl(c)) {
                return Optional.of("must be an email address without control or invisible characters");
            }
            i += Character.charCount(c);
        }
        if (octets(address) > MAX_LENGTH) {
            return Optional.of("must be an email address of at most " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.of("must be an email address");
        }
        var local = address.substring(0, at);
        var domain = address.substring(at + 1);
        if (octets(local) > MAX_LOCAL_PART) {
            return Optional.of(
                    "must be an email address whose part before the @ has at most " + MAX_LOCAL_PART + " characters");
        }
        if (!(local.startsWith("\"") ? quotedString(local) : dotAtom(local)) || !domain(domain)) {
            return Optional.of("must be an email address");
        }
        return Optional.empty();
    }

    /**
     * C0 and C1 controls, DEL, bidi embeddings, overrides and isolates, and characters with no width
     * of their own: none belongs in an address, and each can make one read as another.
     */
    static boolean invisibleOrControl(int c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x2064)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x00AD
                || c == 0x061C
                || c == 0x180E
                || c == 0xFEFF
                || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.UNASSIGNED
                || Character.getType(c) == Character.PRIVATE_USE;
    }

    private static boolean dotAtom(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c != '.' && !atext(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean atext(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || ATEXT_SPECIALS.indexOf(c) >= 0
                || nonAscii(c);
    }

    private static boolean nonAscii(int c) {
        return c > 0x7F && !Character.isWhitespace(c) && !Character.isSpaceChar(c);
    }

    /** RFC 5321 Quoted-string: printable ASCII and space, {@code \} escaping one of them; UTF-8 too. */
    private static boolean quotedString(String text) {
        if (text.length() < 2 || !text.endsWith("\"")) {
            return false;
        }
        for (int i = 1; i < text.length() - 1; ) {
            int c = text.codePointAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length() - 1) {
                    return false;
                }
                int escaped = text.charAt(i + 1);
                if (escaped < 0x20 || escaped > 0x7E) {
                    return false;
                }
                i += 2;
                continue;
            }
            if (c == '"' || !(c >= 0x20 && c <= 0x7E || nonAscii(c))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean domain(String domain) {
        if (domain.startsWith("[")) {
            return addressLiteral(domain);
        }
        if (domain.isEmpty() || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return false;
        }
        for (var label : domain.split("\\.")) {
            if (octets(label) > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); ) {
                int c = label.codePointAt(i);
                boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!ascii
                        && c != '-'
                        && c != '_'
                        && !(c > 0x7F && Character.isLetterOrDigit(c))
                        && !(c > 0x7F && Character.getType(c) == Character.NON_SPACING_MARK)) {
                    return false;
                }
                i += Character.charCount(c);
            }
        }
        return true;
    }

    /** {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    private static boolean addressLiteral(String domain) {
        if (!domain.endsWith("]") || domain.length() < 3) {
            return false;
        }
        var inside = domain.substring(1, domain.length() - 1);
        if (inside.regionMatches(true, 0, "IPv6:", 0, 5)) {
            var ip = inside.substring(5);
            return ip.contains(":") && ip.matches("[0-9A-Fa-f:.]{2,45}") && !ip.contains(":::");
        }
        var parts = inside.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (var part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
