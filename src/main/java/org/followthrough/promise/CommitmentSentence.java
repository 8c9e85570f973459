package org.followthrough.promise;

/**
 * One sentence of a reply: {@code written} as the agent wrote it (trimmed, bullet marker removed),
 * and {@code analysed}, the same characters lower-cased with quotation marks, apostrophes and dashes
 * made plain and quoted words blanked out. Both have the same length, so an offset found in one
 * points at the same words in the other.
 */
record CommitmentSentence(String written, String analysed) {

    CommitmentSentence {
        if (written.length() != analysed.length()) {
            throw new IllegalArgumentException("written and analysed text must line up");
        }
    }
}
