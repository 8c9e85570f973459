package org.followthrough.email.parse;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;

/**
 * A multipart that reads what arrives rather than what the RFC allows: no end boundary, no boundary
 * parameter, no parts at all. Jakarta Mail takes these switches from system properties, which would
 * change every other mail reader in the JVM, so they are set here for this reader only.
 */
final class TolerantMultipart extends MimeMultipart {

    private boolean boundaryFromBody;

    TolerantMultipart(DataSource source) throws MessagingException {
        super(source);
    }

    // Called again at the start of every parse, so it must not undo boundaryFromBody().
    @Override
    protected void initializeProperties() {
        ignoreMissingEndBoundary = true;
        ignoreMissingBoundaryParameter = true;
        ignoreExistingBoundaryParameter = boundaryFromBody;
        allowEmpty = true;
    }

    /** Takes the first line that looks like a boundary instead of the declared one, which did not match. */
    TolerantMultipart boundaryFromBody() {
        boundaryFromBody = true;
        return this;
    }
}
