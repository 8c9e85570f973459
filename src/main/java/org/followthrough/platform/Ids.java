package org.followthrough.platform;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): new rows land at the right edge of their indexes instead
 * of scattering over them, which keeps inserts fast at tens of millions of rows.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    private static long lastMillis;
    private static long sequence;

    /**
     * A new id, later than every id this JVM made before: within one millisecond the 12 bits after
     * the time count up, so rows written in one transaction keep their order.
     */
    /** An id a person or client sent as text; anything else is a 400 naming the field. */
    public static UUID parse(String text, String field) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(field, "is not an id");
        }
    }

    public static UUID newId() {
        long millis;
        long randA;
        synchronized (Ids.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xFFF) {
                    millis++;
                    sequence = RANDOM.nextInt(1 << 10);
                }
            } else {
                sequence = RANDOM.nextInt(1 << 10);
            }
            lastMillis = millis;
            randA = sequence;
        }
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
