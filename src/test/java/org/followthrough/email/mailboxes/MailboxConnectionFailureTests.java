package org.followthrough.email.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** The failures that cannot be staged cheaply against a real server, put in words. */
class MailboxConnectionFailureTests {

    private static Mailbox mailbox(boolean passwordsSet) {
        return new Mailbox(
                new MailboxId(UUID.randomUUID()),
                "support@example.com",
                "Example Support",
                null,
                new Mailbox.Server("imap.example.com", 993, MailSecurity.TLS, "support", passwordsSet),
                "INBOX",
                new Mailbox.Server("smtp.example.com", 587, MailSecurity.STARTTLS, "support", passwordsSet),
                Duration.ofSeconds(60),
                true,
                true,
                null,
                null,
                null,
                Instant.now(),
                Instant.now(),
                0);
    }

    private static String imap(Exception e) {
        return MailServers.describe(e, mailbox(true), "IMAP");
    }

    private static String smtp(Exception e) {
        return MailServers.describe(e, mailbox(true), "SMTP");
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedWithHowLongItWasGiven() {
        assertThat(imap(new MessagingException("connect", new SocketTimeoutException("Connect timed out"))))
                .isEqualTo("imap.example.com did not answer within 10 seconds");
        assertThat(smtp(new MessagingException("read", new SocketTimeoutException("Read timed out"))))
                .isEqualTo("smtp.example.com stopped answering for 30 seconds");
    }

    @Test
    void certificateProblemsSayWhatIsWrongWithTheCertificate() {
        assertThat(imap(new MessagingException(
                        "connect",
                        new SSLHandshakeException(
                                "PKIX path building failed: unable to find valid certification path"))))
                .isEqualTo("The secure connection to imap.example.com port 993 failed: its certificate is not trusted"
                        + " (self-signed, or from an unknown authority)");
        assertThat(imap(new MessagingException(
                        "connect", new SSLHandshakeException("No subject alternative DNS name matching x found."))))
                .isEqualTo("The secure connection to imap.example.com port 993 failed:"
                        + " its certificate is for another name than imap.example.com");
    }

    @Test
    void smtpRefusalsCarryTheServersReply() throws Exception {
        var rejected = new SMTPAddressFailedException(
                new InternetAddress("nobody@customer.example"),
                "RCPT TO:<nobody@customer.example>",
                550,
                "550 5.1.1 <nobody@customer.example>: Recipient address rejected");
        assertThat(smtp(new SendFailedException("Invalid Addresses", rejected)))
                .isEqualTo("The SMTP server refused the address nobody@customer.example:"
                        + " 550 5.1.1 <nobody@customer.example>: Recipient address rejected");
        assertThat(smtp(new SMTPSendFailedException(
                        "DATA", 552, "5.3.4 Message size exceeds fixed limit", null, null, null, null)))
                .isEqualTo("The SMTP server refused the message: 552 5.3.4 Message size exceeds fixed limit");
    }

    @Test
    void aMissingPasswordIsToldApartFromAWrongOne() {
        var refused = new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid");

        assertThat(MailServers.describe(refused, mailbox(true), "SMTP"))
                .isEqualTo("The SMTP server refused the user name or password");
        assertThat(MailServers.describe(
                        new AuthenticationFailedException("no IMAP password is stored"), mailbox(false), "IMAP"))
                .isEqualTo("No IMAP password is stored; enter one and save");
    }

    @Test
    void anythingElseKeepsTheServersOwnWordsOnOneLine() {
        assertThat(imap(new MessagingException("A7 NO [ALERT] Mailbox is\r\n locked")))
                .isEqualTo("IMAP failed: A7 NO [ALERT] Mailbox is locked");
    }
}
