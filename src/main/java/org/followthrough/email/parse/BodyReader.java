package org.followthrough.email.parse;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a message's MIME tree once and collects what the desk needs from it: the plain and HTML
 * bodies (choosing among alternatives), attachments within the size limit, and the parts of a
 * delivery report. A part that cannot be read is kept as an attachment with a warning; nothing here
 * fails the message.
 */
final class BodyReader {

    private static final int MAX_DEPTH = 30;
    private static final int MAX_PARTS = 2_000;
    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})");
    private static final Set<String> SIGNATURES =
            Set.of("application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature");
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("text/plain", ".txt"),
            Map.entry("text/html", ".html"),
            Map.entry("text/calendar", ".ics"),
            Map.entry("text/csv", ".csv"),
            Map.entry("text/vcard", ".vcf"),
            Map.entry("text/x-vcard", ".vcf"),
            Map.entry("image/png", ".png"),
            Map.entry("image/jpeg", ".jpg"),
            Map.entry("image/jpg", ".jpg"),
            Map.entry("image/gif", ".gif"),
            Map.entry("image/webp", ".webp"),
            Map.entry("image/bmp", ".bmp"),
            Map.entry("image/tiff", ".tif"),
            Map.entry("application/pdf", ".pdf"),
            Map.entry("application/zip", ".zip"),
            Map.entry("application/json", ".json"),
            Map.entry("message/rfc822", ".eml"));

    /** A file found in the message; {@code inline} is decided once the HTML body is known. */
    record Attachment(
            String filename,
            String contentType,
            String contentId,
            boolean dispositionAttachment,
            long size,
            byte[] data,
            String refusedReason) {}

    /** Body text collected under one branch of the tree; alternatives each get their own. */
    static final class Texts {
        final StringBuilder plain = new StringBuilder();
        StringBuilder html;

        boolean hasPlain() {
            return !plain.toString().isBlank();
        }

        void appendPlain(String text) {
            if (!plain.isEmpty() && plain.charAt(plain.length() - 1) != '\n') {
                plain.append('\n');
            }
            plain.append(text);
        }

        void appendHtml(String text) {
            if (html == null) {
                html = new StringBuilder(text.length());
            }
            html.append(text);
        }
    }

    final List<String> warnings;
    final List<Attachment> attachments = new ArrayList<>();
    private final long limit;
    private long kept;
    private int parts;
    /** Machine-readable part of a delivery report ({@code message/delivery-status}), if any. */
    String deliveryStatus;
    /** Message-ID of the first message returned or attached in this one. */
    String returnedMessageId;
    /** The charset the first text part declares, or null: what raw 8-bit header bytes are most likely in. */
    String textCharset;

    BodyReader(long limit, List<String> warnings) {
        this.limit = limit;
        this.warnings = warnings;
    }

    void read(MimeEntity part, Texts texts, int depth, String parentType) {
        if (++parts > MAX_PARTS) {
            if (parts == MAX_PARTS + 1) {
                warnings.add("more than " + MAX_PARTS + " parts; the rest were skipped");
            }
            return;
        }
        ContentHeader type = ContentHeader.parse(part.header("Content-Type"), warnings);
        String mime = type.value();
        if (mime.indexOf('/') <= 0) {
            if (!mime.isEmpty()) {
                warnings.add("content type " + mime + " read as text/plain");
            }
            mime = parentType.equals("multipart/digest") ? "message/rfc822" : "text/plain";
        }
        ContentHeader disposition = ContentHeader.parse(part.header("Content-Disposition"), warnings);
        String encoding = TransferEncoding.name(part.header("Content-Transfer-Encoding"));
        try {
            if (mime.startsWith("multipart/") && depth < MAX_DEPTH) {
                readMultipart(part, mime, type, texts, depth);
                return;
            }
            if (mime.startsWith("multipart/")) {
                warnings.add("parts nested deeper than " + MAX_DEPTH + " levels kept as an attachment");
            }
            switch (mime) {
                case "message/rfc822", "message/global" -> {
                    readAttachedMessage(part, encoding, disposition, type);
                    return;
                }
                case "message/delivery-status", "message/global-delivery-status" -> {
                    deliveryStatus = MailCharsets.cleanText(
                            MailCharsets.decode(decoded(part, encoding), type.param("charset"), warnings));
                    return;
                }
                case "text/rfc822-headers", "message/global-headers" -> {
                    rememberReturnedId(decoded(part, encoding));
                    return;
                }
                default -> {}
            }
            if (SIGNATURES.contains(mime)) {
                return;
            }
            String filename = filename(type, disposition);
            boolean attachment = disposition.value().equals("attachment") || filename != null;
            if (!attachment && (mime.equals("text/plain") || mime.equals("text/html"))) {
                readText(part, mime, type, encoding, texts);
                return;
            }
            addAttachment(part, mime, type, disposition, encoding, filename);
        } catch (MessagingException | RuntimeException e) {
            warnings.add(
                    "a " + mime + " part could not be read (" + e.getClass().getSimpleName() + ") and was skipped");
        }
    }

    private void readMultipart(MimeEntity part, String mime, ContentHeader type, Texts texts, int depth)
            throws MessagingException {
        String boundary = type.param("boundary");
        if (boundary != null && boundary.isEmpty()) {
            boundary = null;
        }
        MultipartBody.Split split = MultipartBody.split(part.raw(), part.contentStart(), part.contentEnd(), boundary);
        if (split.parts().isEmpty() && boundary != null) {
            MultipartBody.Split retried = MultipartBody.split(part.raw(), part.contentStart(), part.contentEnd(), null);
            if (!retried.parts().isEmpty()) {
                warnings.add("the multipart boundary did not match the body; the body's own boundary was used");
                split = retried;
            }
        } else if (!split.parts().isEmpty() && boundary == null) {
            warnings.add("multipart without a boundary parameter; the boundary was taken from the body");
        }
        List<MultipartBody.Part> parts = split.parts();
        if (parts.isEmpty()) {
            warnings.add("a " + mime + " body had no readable parts and was read as text");
            texts.appendPlain(MailCharsets.cleanText(MailCharsets.decode(
                    part.raw(), part.contentStart(), part.contentEnd() - part.contentStart(), null, warnings)));
            return;
        }
        if (!split.complete()) {
            warnings.add("a " + mime + " body had no end boundary; read to the end of the message");
        }
        if (mime.equals("multipart/alternative")) {
            String plain = null;
            String html = null;
            for (MultipartBody.Part alternativePart : parts) {
                Texts alternative = new Texts();
                read(
                        MimeEntity.read(part.raw(), alternativePart.start(), alternativePart.end()),
                        alternative,
                        depth + 1,
                        mime);
                if (alternative.hasPlain()) {
                    plain = alternative.plain.toString();
                }
                if (alternative.html != null) {
                    html = alternative.html.toString();
                }
            }
            if (plain != null) {
                texts.appendPlain(plain);
            }
            if (html != null) {
                texts.appendHtml(html);
            }
            return;
        }
        for (MultipartBody.Part child : parts) {
            read(MimeEntity.read(part.raw(), child.start(), child.end()), texts, depth + 1, mime);
        }
    }

    private void readText(MimeEntity part, String mime, ContentHeader type, String encoding, Texts texts) {
        byte[] raw = part.content();
        byte[] bytes = TransferEncoding.decode(raw, encoding, warnings);
        if (bytes == null) {
            warnings.add(
                    "a " + mime + " part could not be decoded from " + encoding + " and was kept as an attachment");
            String name = "undecoded-part-" + (attachments.size() + 1) + extension(mime);
            keep(name, mime, null, true, raw);
            return;
        }
        String charset = type.param("charset");
        if (textCharset == null && charset != null && !charset.isBlank()) {
            textCharset = charset;
        }
        if (mime.equals("text/html")) {
            if (charset == null || charset.isBlank()) {
                charset = metaCharset(bytes);
            }
            texts.appendHtml(MailCharsets.decode(bytes, charset, warnings));
            return;
        }
        String text = MailCharsets.cleanText(MailCharsets.decode(bytes, charset, warnings));
        if ("flowed".equalsIgnoreCase(type.param("format"))) {
            text = FlowedText.unflow(text, "yes".equalsIgnoreCase(type.param("delsp")));
        }
        texts.appendPlain(text);
    }

    private void readAttachedMessage(MimeEntity part, String encoding, ContentHeader disposition, ContentHeader type) {
        byte[] bytes = decoded(part, encoding);
        String subject = "";
        try {
            MimeEntity message = MimeEntity.read(bytes, 0, bytes.length);
            subject = HeaderText.decode(message.header("Subject"), warnings);
            if (returnedMessageId == null) {
                returnedMessageId = MessageIds.messageId(message.header("Message-ID"));
            }
        } catch (MessagingException e) {
            warnings.add("an attached message's headers could not be read");
        }
        String name = safeFilename(subject);
        if (name == null) {
            name = filename(type, disposition);
        }
        if (name == null) {
            name = "message";
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".eml")) {
            name = name + ".eml";
        }
        keep(name, "message/rfc822", contentId(part.header("Content-ID")), true, bytes);
    }

    private void addAttachment(
            MimeEntity part,
            String mime,
            ContentHeader type,
            ContentHeader disposition,
            String encoding,
            String filename) {
        String contentId = contentId(part.header("Content-ID"));
        boolean dispositionAttachment = disposition.value().equals("attachment");
        String name = filename != null ? filename : generatedName(mime);
        byte[] raw = part.content();
        long estimate = TransferEncoding.decodedSize(raw, encoding);
        if (estimate >= 0 && kept + estimate > limit) {
            refuse(name, mime, contentId, dispositionAttachment, estimate);
            return;
        }
        byte[] data = TransferEncoding.decode(raw, encoding, warnings);
        if (data == null) {
            warnings.add("attachment " + name + " could not be decoded from " + encoding + " and was kept as sent");
            data = raw;
        }
        keep(name, mime, contentId, dispositionAttachment, data);
    }

    private void keep(String name, String mime, String contentId, boolean dispositionAttachment, byte[] data) {
        if (kept + data.length > limit) {
            refuse(name, mime, contentId, dispositionAttachment, data.length);
            return;
        }
        kept += data.length;
        attachments.add(new Attachment(name, mime, contentId, dispositionAttachment, data.length, data, null));
    }

    private void refuse(String name, String mime, String contentId, boolean dispositionAttachment, long size) {
        String reason = "over the limit of " + bytes(limit) + " of attachments per message";
        warnings.add("attachment " + name + " (" + bytes(size) + ") refused: " + reason);
        attachments.add(new Attachment(name, mime, contentId, dispositionAttachment, size, null, reason));
    }

    private void rememberReturnedId(byte[] headerBlock) {
        if (returnedMessageId != null) {
            return;
        }
        try {
            returnedMessageId = MessageIds.messageId(
                    MimeEntity.read(headerBlock, 0, headerBlock.length).header("Message-ID"));
        } catch (MessagingException e) {
            warnings.add("the returned message's headers could not be read");
        }
    }

    private String generatedName(String mime) {
        if (mime.equals("application/ms-tnef") || mime.equals("application/vnd.ms-tnef")) {
            return "winmail.dat";
        }
        String stem = mime.startsWith("image/") ? "image-" : "attachment-";
        return stem + (attachments.size() + 1) + extension(mime);
    }

    private static String extension(String mime) {
        return EXTENSIONS.getOrDefault(mime, mime.startsWith("text/") ? ".txt" : ".bin");
    }

    private byte[] decoded(MimeEntity part, String encoding) {
        byte[] raw = part.content();
        byte[] data = TransferEncoding.decode(raw, encoding, warnings);
        return data == null ? raw : data;
    }

    private static String filename(ContentHeader type, ContentHeader disposition) {
        String name = safeFilename(disposition.param("filename"));
        return name != null ? name : safeFilename(type.param("name"));
    }

    /** A name safe to store and offer for download: no directories, no control characters. */
    static String safeFilename(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                continue;
            }
            out.append(
                    switch (c) {
                        case ':', '*', '?', '"', '<', '>', '|' -> '_';
                        default -> c;
                    });
        }
        String cleaned = out.toString().strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.isBlank()) {
            return null;
        }
        if (cleaned.length() > 200) {
            int dot = cleaned.lastIndexOf('.');
            String extension = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, 200 - extension.length()) + extension;
        }
        return cleaned;
    }

    static String contentId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = HeaderText.unfold(raw).strip();
        if (id.startsWith("<")) {
            int close = id.indexOf('>');
            id = close > 0 ? id.substring(1, close) : id.substring(1);
        }
        id = id.strip();
        return id.isEmpty() ? null : id;
    }

    private static String metaCharset(byte[] html) {
        String head = new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher meta = META_CHARSET.matcher(head);
        return meta.find() ? meta.group(1) : null;
    }

    static String bytes(long size) {
        long mb = 1024 * 1024;
        if (size >= mb && size % mb == 0) {
            return size / mb + " MB";
        }
        if (size >= mb) {
            return String.format(Locale.ROOT, "%.1f MB", size / (double) mb);
        }
        if (size >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", size / 1024.0);
        }
        return size + " bytes";
    }
}
