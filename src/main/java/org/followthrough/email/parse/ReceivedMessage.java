package org.followthrough.email.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message read from raw bytes. Its headers are loaded by {@link HeaderLines}, which skips the
 * service lookup Jakarta Mail's own loader runs on every call.
 */
final class ReceivedMessage extends MimeMessage {

    private final byte[] raw;

    ReceivedMessage(Session session, byte[] raw, int start) throws MessagingException {
        super(session, new SharedByteArrayInputStream(raw, start, raw.length - start));
        this.raw = raw;
    }

    @Override
    protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
        return HeaderLines.read(in);
    }

    /** The message as an entity whose content is the rest of the raw bytes after the header block. */
    MimeEntity entity() throws MessagingException {
        try (InputStream content = getRawInputStream()) {
            return MimeEntity.of(headers, raw, raw.length - content.available(), raw.length);
        } catch (IOException e) {
            throw new MessagingException("the body could not be read", e);
        }
    }
}
