package org.followthrough.email.parse;

import java.time.Instant;
import java.util.List;

/**
 * One inbound message as the desk needs it.
 *
 * @param messageId the {@code Message-ID} without angle brackets, {@code null} when missing or empty
 * @param key an idempotency key: the message id when there is one, else {@code sha256:} and the
 *     lower-case hex digest of the raw bytes
 * @param inReplyTo the first id of {@code In-Reply-To}, without brackets, {@code null} when none
 * @param references the ids of {@code References} in order, without brackets
 * @param subject the decoded subject, {@code ""} when none
 * @param from the author, {@code null} when the header is missing or names no address
 * @param sentAt the {@code Date} header, {@code null} when missing or unreadable
 * @param text the whole message as readable plain text, derived from the HTML when there is no text
 *     part
 * @param html the sanitised HTML body, {@code null} when there is none
 * @param newText the text without quoted history and signature
 * @param quotedText what was cut from the text, {@code ""} when nothing was
 * @param autoReason the header or pattern that decided {@code auto}, {@code ""} for {@link AutoKind#NONE}
 * @param bounce the delivery failure, present exactly when {@code auto} is {@link AutoKind#BOUNCE}
 * @param warnings what was repaired to read the message, in plain words
 */
public record ParsedMail(
        String messageId,
        String key,
        String inReplyTo,
        List<String> references,
        String subject,
        MailAddress from,
        List<MailAddress> replyTo,
        List<MailAddress> to,
        List<MailAddress> cc,
        Instant sentAt,
        String text,
        String html,
        String newText,
        String quotedText,
        List<ParsedAttachment> attachments,
        AutoKind auto,
        String autoReason,
        Bounce bounce,
        List<String> warnings) {

    public ParsedMail {
        references = List.copyOf(references);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        attachments = List.copyOf(attachments);
        warnings = List.copyOf(warnings);
        if ((auto == AutoKind.BOUNCE) != (bounce != null)) {
            throw new IllegalArgumentException("a bounce comes with bounce details, and only a bounce");
        }
    }
}
