package org.followthrough.platform;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An opaque cursor holding the sort key of the last row a client has seen. Lists continue from it
 * with a {@code WHERE (key) < (cursor)} seek, so page 10,000 costs what page 1 costs.
 */
public record Keyset(List<String> parts) {

    public static Keyset of(Object... values) {
        return new Keyset(Arrays.stream(values).map(String::valueOf).toList());
    }

    /** Each part is URL-encoded first, so a sort key that contains the separator (a name "A|B") survives. */
    public String encode() {
        var joined = parts.stream()
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8))
                .collect(Collectors.joining("|"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client sent back; a tampered or foreign one is a 400 naming {@code cursor}. */
    public static Keyset decode(String cursor, int expectedParts) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var parts = Stream.of(text.split("\\|", -1))
                    .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8))
                    .toList();
            if (parts.size() != expectedParts) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new Keyset(parts);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
    }

    public Instant instant(int index) {
        Instant instant;
        try {
            instant = Instant.parse(parts.get(index));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
        if (instant.isAfter(Sql.LATEST)) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
        return instant;
    }

    public UUID uuid(int index) {
        try {
            return UUID.fromString(parts.get(index));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
    }

    public long longValue(int index) {
        try {
            return Long.parseLong(parts.get(index));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
    }

    public int integer(int index) {
        try {
            return Integer.parseInt(parts.get(index));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
    }
}
