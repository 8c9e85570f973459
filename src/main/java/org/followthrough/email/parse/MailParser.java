package org.followthrough.email.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jsoup.nodes.Document;

/**
 * Reads one raw inbound message (RFC 5322 bytes) into a {@link ParsedMail}. Forgiving by design:
 * broken MIME, wrong or missing charsets, sloppy headers and undecodable parts are repaired or set
 * aside with a warning; only bytes that are no mail message at all are refused. Thread-safe.
 */
public final class MailParser {

    /** The attachment limit the application uses unless configured otherwise. */
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 25L * 1024 * 1024;

    private static final Session SESSION = session();
    private static final int MAX_WARNINGS = 50;

    private final long maxAttachmentBytesPerMessage;

    public MailParser(long maxAttachmentBytesPerMessage) {
        if (maxAttachmentBytesPerMessage < 0) {
            throw new IllegalArgumentException("the attachment limit cannot be negative");
        }
        this.maxAttachmentBytesPerMessage = maxAttachmentBytesPerMessage;
    }

    private static Session session() {
        Properties properties = new Properties();
        // Only these two are session properties; Jakarta reads the rest from system properties, which
        // this reader leaves alone: MultipartBody and HeaderText bring their own tolerance.
        properties.setProperty("mail.mime.address.strict", "false");
        // Header bytes stay one character each, so 8-bit headers can be read as UTF-8 or windows-1252 later.
        properties.setProperty("mail.mime.allowutf8", "false");
        return Session.getInstance(properties);
    }

    /**
     * The message in {@code raw}.
     *
     * @throws UnparseableMailException when the bytes are empty, have no header block or are binary
     */
    public ParsedMail parse(byte[] raw) {
        List<String> warnings = new ArrayList<>();
        byte[] bytes = withoutNul(raw, warnings);
        int start = HeaderBlock.start(bytes);
        MimeEntity message;
        try {
            message = new ReceivedMessage(SESSION, bytes, start).entity();
        } catch (MessagingException e) {
            throw new UnparseableMailException("the header block could not be read: " + e.getMessage());
        }
        for (String name : List.of("Subject", "From", "Message-ID", "Date")) {
            int count = message.all(name).size();
            if (count > 1) {
                warnings.add("the message has " + count + " " + name + " headers; the first was used");
            }
        }
        String messageId = MessageIds.messageId(message.header("Message-ID"));
        String key = messageId != null ? messageId : "sha256:" + sha256(raw);
        String inReplyTo = MessageIds.first(message.header("In-Reply-To"));
        List<String> references = MessageIds.all(joined(message, "References", " "));
        BodyReader body = new BodyReader(maxAttachmentBytesPerMessage, warnings);
        BodyReader.Texts texts = new BodyReader.Texts();
        body.read(message, texts, 0, "");
        String charset = body.textCharset;
        String subject = HeaderText.decode(message.header("Subject"), charset, warnings);
        List<MailAddress> fromList = AddressList.parse(message.header("From"), charset, warnings);
        MailAddress from = fromList.isEmpty() ? null : fromList.get(0);
        String originalFrom = message.header("X-Original-From");
        if (from != null && originalFrom != null && from.name().contains(" via ")) {
            // A group that rewrote From for DMARC ("'Ann Lee' via Support <support@…>") names the author here.
            List<MailAddress> original = AddressList.parse(originalFrom, charset, warnings);
            if (!original.isEmpty()) {
                from = original.get(0);
            }
        }
        List<MailAddress> replyTo = AddressList.parse(joined(message, "Reply-To", ","), charset, warnings);
        List<MailAddress> to = AddressList.parse(joined(message, "To", ","), charset, warnings);
        List<MailAddress> cc = AddressList.parse(joined(message, "Cc", ","), charset, warnings);
        ContentHeader contentType = ContentHeader.parse(message.header("Content-Type"), warnings);

        String plain = texts.hasPlain() ? texts.plain.toString().strip() : "";
        Document document = texts.html == null ? null : MailHtml.clean(texts.html.toString());
        String html = document == null ? null : MailHtml.fragment(document);
        String text = plain;
        boolean textFromHtml = false;
        if (plain.isEmpty() && document != null) {
            text = HtmlText.render(document.body());
            textFromHtml = true;
        }
        QuoteSplitter.Split split = split(text, textFromHtml, document);

        List<ParsedAttachment> attachments = new ArrayList<>(body.attachments.size());
        String lowerHtml = html == null ? "" : html.toLowerCase(Locale.ROOT);
        for (BodyReader.Attachment found : body.attachments) {
            boolean inline = found.contentId() != null
                    && !found.dispositionAttachment()
                    && lowerHtml.contains("cid:" + found.contentId().toLowerCase(Locale.ROOT));
            attachments.add(new ParsedAttachment(
                    found.filename(),
                    found.contentType(),
                    found.contentId(),
                    inline,
                    found.size(),
                    found.data(),
                    found.refusedReason()));
        }

        AutoClassifier.Verdict verdict = AutoClassifier.classify(new AutoClassifier.Evidence(
                message::header,
                subject,
                from,
                to,
                contentType,
                body.deliveryStatus,
                body.returnedMessageId,
                inReplyTo,
                references,
                text,
                split.fresh(),
                split.quoted()));

        return new ParsedMail(
                messageId,
                key,
                inReplyTo,
                references,
                subject,
                from,
                replyTo,
                to,
                cc,
                MailDates.parse(message.header("Date")),
                text,
                html,
                split.fresh(),
                split.quoted(),
                attachments,
                verdict.kind(),
                verdict.reason(),
                verdict.bounce(),
                distinct(warnings));
    }

    /**
     * The message without NUL bytes. SMTP cannot carry them (RFC 5321 2.3.8), so one that arrives is
     * damage, not content; they are dropped rather than refusing the message or storing text the
     * database will not take.
     */
    private static byte[] withoutNul(byte[] raw, List<String> warnings) {
        int nuls = 0;
        for (byte b : raw) {
            if (b == 0) {
                nuls++;
            }
        }
        if (nuls == 0 || nuls == raw.length) {
            return raw;
        }
        byte[] kept = new byte[raw.length - nuls];
        int at = 0;
        for (byte b : raw) {
            if (b != 0) {
                kept[at++] = b;
            }
        }
        warnings.add("NUL characters removed");
        return kept;
    }

    /** Each repair named once, and not a thousand of them for a message built to produce them. */
    private static List<String> distinct(List<String> warnings) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(warnings));
        if (distinct.size() <= MAX_WARNINGS) {
            return distinct;
        }
        List<String> kept = new ArrayList<>(distinct.subList(0, MAX_WARNINGS));
        kept.add("and " + (distinct.size() - MAX_WARNINGS) + " more repairs");
        return kept;
    }

    /**
     * Plain text is split by its own markers; HTML by the DOM's, which are surer. When the plain text
     * shows no history but the HTML marks some, the HTML wins.
     */
    private static QuoteSplitter.Split split(String text, boolean textFromHtml, Document document) {
        if (document == null) {
            return QuoteSplitter.split(text);
        }
        if (textFromHtml) {
            return QuoteSplitter.splitHtml(document, text);
        }
        QuoteSplitter.Split plain = QuoteSplitter.split(text);
        if (!plain.quoted().isEmpty()) {
            return plain;
        }
        QuoteSplitter.Split marked = QuoteSplitter.splitAtMarker(document);
        return marked != null && !marked.quoted().isEmpty() ? marked : plain;
    }

    private static String joined(MimeEntity message, String name, String delimiter) {
        List<String> values = message.all(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(delimiter, values);
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
