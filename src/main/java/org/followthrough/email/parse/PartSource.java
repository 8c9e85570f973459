package org.followthrough.email.parse;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A part's undecoded content with a content type we rebuilt from our own forgiving parse, so the
 * multipart reader finds the boundary even where the sender's header would not parse. The content
 * stays a view of the original bytes, never a copy.
 */
record PartSource(MimePart part, String contentType) implements DataSource {

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return part instanceof MimeBodyPart body
                    ? body.getRawInputStream()
                    : ((MimeMessage) part).getRawInputStream();
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        throw new IOException("read only");
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return "";
    }
}
