package org.followthrough.email.parse;

/**
 * A file that came with a message: a real attachment, an inline image referenced by {@code cid:}, a
 * {@code winmail.dat} kept as it is, or an attached message kept as an {@code .eml} file.
 *
 * @param contentType the base type in lower case, without parameters
 * @param contentId the {@code Content-ID} without angle brackets, {@code null} when there is none
 * @param inline whether the HTML body shows it in place through a {@code cid:} reference
 * @param size the decoded size in bytes, also when the content was refused
 * @param data the decoded content, {@code null} when refused
 * @param refusedReason why the content was not kept, {@code null} unless refused
 */
public record ParsedAttachment(
        String filename,
        String contentType,
        String contentId,
        boolean inline,
        long size,
        byte[] data,
        String refusedReason) {

    /** Whether the content was left out, for instance because the message went over its size limit. */
    public boolean refused() {
        return refusedReason != null;
    }

    @Override
    public String toString() {
        return "ParsedAttachment[" + filename + ", " + contentType + ", " + size + " bytes"
                + (contentId == null ? "" : ", cid " + contentId) + (inline ? ", inline" : "")
                + (refused() ? ", refused: " + refusedReason : "") + "]";
    }
}
