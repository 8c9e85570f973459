package org.followthrough.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.followthrough.platform.InvalidInputException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be, wherever one is set: long enough to resist guessing, short enough
 * that hashing it costs a bounded amount, not one of the commonest passwords, and not the agent's own
 * address.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;
    private static final int MIN_LOCAL_PART = 3;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("identity/common-passwords.txt");
    }

    /** Refuses {@code password} for the agent with {@code email}, naming {@code field} in the refusal. */
    public void check(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        int length = password.codePointCount(0, password.length());
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "must have at most " + MAX_LENGTH + " characters");
        }
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.isBlank() || password.codePoints().distinct().count() < 4) {
            throw new InvalidInputException(field, "must not be one or a few characters repeated");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.strip())) {
            throw new InvalidInputException(field, "is one of the most common passwords; choose another");
        }
        if (email != null && !email.isBlank()) {
            var address = email.strip().toLowerCase(Locale.ROOT);
            var at = address.indexOf('@');
            var localPart = at > 0 ? address.substring(0, at) : address;
            if (lower.contains(address) || (localPart.length() >= MIN_LOCAL_PART && lower.contains(localPart))) {
                throw new InvalidInputException(field, "must not contain your email address or its name part");
            }
        }
    }

    private static Set<String> load(String resource) {
        var words = new HashSet<String>(16_384);
        try (var reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("# ")) {
                    words.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
