package org.followthrough.email.mailboxes;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.stereotype.Component;

/**
 * The one place the desk connects to mail servers. Every connection is built from the mailbox's
 * settings as they are now (nothing is cached, so a changed setting takes effect at the next
 * connection), signs in with the password read from the store just then, and gives up on a server
 * that does not answer rather than hanging a poll or a send.
 */
@Component
public class MailServers {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    private final Mailboxes store;
    /**
     * Sessions by mailbox, settings version and side: building one looks up Jakarta Mail's providers
     * on the class path, too slow for every message sent. They hold no password.
     */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    MailServers(Mailboxes store) {
        this.store = store;
    }

    private Session session(Mailbox mailbox, String side, Supplier<Session> build) {
        var key = mailbox.id() + ":" + mailbox.version() + ":" + side;
        if (sessions.size() > 1_000) {
            sessions.clear();
        }
        return sessions.computeIfAbsent(key, k -> build.get());
    }

    /** A store signed in to the mailbox's IMAP server; the caller closes it. */
    public Store connectImap(Mailbox mailbox) throws MessagingException {
        var password = store.imapPassword(mailbox.id());
        if (password.isEmpty()) {
            throw new AuthenticationFailedException("no IMAP password is stored");
        }
        var imap = mailbox.imap();
        var imapStore = imapSession(mailbox).getStore(imapProtocol(mailbox));
        imapStore.connect(imap.host(), imap.port(), imap.user(), password);
        return imapStore;
    }

    /**
     * A transport connected to the mailbox's SMTP server, signed in when the mailbox has an SMTP
     * user; the caller closes it.
     */
    public Transport connectSmtp(Mailbox mailbox) throws MessagingException {
        var smtp = mailbox.smtp();
        var transport = smtpSession(mailbox).getTransport(smtpProtocol(mailbox));
        if (signsIn(mailbox)) {
            var password = store.smtpPassword(mailbox.id());
            if (password.isEmpty()) {
                throw new AuthenticationFailedException("no SMTP password is stored");
            }
            transport.connect(smtp.host(), smtp.port(), smtp.user(), password);
        } else {
            transport.connect(smtp.host(), smtp.port(), null, null);
        }
        return transport;
    }

    /** The session messages sent from this mailbox are built in; holds no password. */
    public Session smtpSession(Mailbox mailbox) {
        return session(mailbox, "smtp", () -> newSmtpSession(mailbox));
    }

    private Session newSmtpSession(Mailbox mailbox) {
        var protocol = smtpProtocol(mailbox);
        var properties = properties(protocol, mailbox.smtp());
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail." + protocol + ".auth", String.valueOf(signsIn(mailbox)));
        // Bounces come back to the mailbox, where they are read and recognised.
        properties.setProperty("mail." + protocol + ".from", mailbox.address());
        return Session.getInstance(properties);
    }

    Session imapSession(Mailbox mailbox) {
        return session(mailbox, "imap", () -> newImapSession(mailbox));
    }

    private Session newImapSession(Mailbox mailbox) {
        var protocol = imapProtocol(mailbox);
        var properties = properties(protocol, mailbox.imap());
        properties.setProperty("mail.store.protocol", protocol);
        return Session.getInstance(properties);
    }

    /**
     * Tries both sides of a mailbox at once: IMAP signs in and opens the folder read-only, SMTP
     * connects (and signs in when it has a user). Each side says in plain words how it went.
     */
    ConnectionReport test(Mailbox mailbox) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Outcome> imap = executor.submit(() -> tryImap(mailbox));
            Future<Outcome> smtp = executor.submit(() -> trySmtp(mailbox));
            var imapOutcome = imap.get();
            var smtpOutcome = smtp.get();
            return new ConnectionReport(
                    imapOutcome.ok(), imapOutcome.message(), smtpOutcome.ok(), smtpOutcome.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying the mail servers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Outcome(boolean ok, String message) {}

    private Outcome tryImap(Mailbox mailbox) {
        try (var store = connectImap(mailbox)) {
            var folder = store.getFolder(mailbox.imapFolder());
            if (!folder.exists()) {
                throw new FolderNotFoundException(folder, mailbox.imapFolder());
            }
            folder.open(Folder.READ_ONLY);
            try {
                int count = folder.getMessageCount();
                return new Outcome(
                        true,
                        "Connected; the folder " + mailbox.imapFolder() + " holds " + count
                                + (count == 1 ? " message" : " messages"));
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            return new Outcome(false, describe(e, mailbox, "IMAP"));
        }
    }

    private Outcome trySmtp(Mailbox mailbox) {
        try (var transport = connectSmtp(mailbox)) {
            return new Outcome(
                    true, signsIn(mailbox) ? "Connected and signed in" : "Connected; sends without signing in");
        } catch (MessagingException | RuntimeException e) {
            return new Outcome(false, describe(e, mailbox, "SMTP"));
        }
    }

    /**
     * What went wrong talking to one side ({@code "IMAP"} or {@code "SMTP"}) of a mailbox, in words
     * an admin can act on. Names servers, ports, folders and server replies; never a password.
     */
    public static String describe(Exception e, Mailbox mailbox, String side) {
        var smtpSide = "SMTP".equalsIgnoreCase(side);
        var label = smtpSide ? "SMTP" : "IMAP";
        var server = smtpSide ? mailbox.smtp() : mailbox.imap();
        var host = server.host();
        var port = server.port();
        var chain = chain(e);
        for (var t : chain) {
            if (t instanceof UnknownHostException) {
                return "The server name " + host + " could not be found";
            }
        }
        for (var t : chain) {
            if (t instanceof SocketTimeoutException timeout) {
                var message = String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("connect")
                        ? host + " did not answer within " + CONNECT_TIMEOUT.toSeconds() + " seconds"
                        : host + " stopped answering for " + IO_TIMEOUT.toSeconds() + " seconds";
            }
            if (t instanceof ConnectException) {
                return "Nothing answered on " + host + " port " + port;
            }
            if (t instanceof NoRouteToHostException) {
                return host + " cannot be reached from here (no route to it)";
            }
        }
        for (var t : chain) {
            var message = String.valueOf(t.getMessage());
            // IMAP says "STARTTLS required but not supported", SMTP "STARTTLS is required but host does not ...".
            if (message.contains("STARTTLS required") || message.contains("STARTTLS is required")) {
                return "The " + label + " server " + host + " does not offer STARTTLS on port " + port
                        + "; choose TLS or no security";
            }
        }
        for (var t : chain) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return "The secure connection to " + host + " port " + port + " failed: " + tlsCause(chain, server);
            }
        }
        for (var t : chain) {
            if (t instanceof AuthenticationFailedException) {
                if (!server.passwordSet()) {
                    return "No " + label + " password is stored; enter one and save";
                }
                return "The " + label + " server refused the user name or password";
            }
            if (t instanceof FolderNotFoundException) {
                return "The folder '" + mailbox.imapFolder() + "' does not exist on the IMAP server";
            }
            if (t instanceof SMTPAddressFailedException failed) {
                return "The SMTP server refused the address " + failed.getAddress() + ": "
                        + reply(failed.getReturnCode(), failed.getMessage());
            }
            if (t instanceof SMTPSenderFailedException failed) {
                return "The SMTP server refused the sender " + failed.getAddress() + ": "
                        + reply(failed.getReturnCode(), failed.getMessage());
            }
            if (t instanceof SMTPSendFailedException failed) {
                return "The SMTP server refused the message: " + reply(failed.getReturnCode(), failed.getMessage());
            }
            if (t instanceof SecretBox.CannotDecrypt) {
                return "The stored " + label + " password cannot be read: " + t.getMessage();
            }
        }
        var deepest = chain.stream()
                .map(Throwable::getMessage)
                .filter(m -> m != null && !m.isBlank())
                .reduce((first, second) -> second)
                .orElse(e.getClass().getSimpleName());
        return label + " failed: " + shortened(deepest);
    }

    private static String tlsCause(List<Throwable> chain, Mailbox.Server server) {
        for (var t : chain) {
            if (t instanceof CertificateExpiredException) {
                return "its certificate has expired";
            }
        }
        for (var t : chain) {
            var message = String.valueOf(t.getMessage());
            if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
                return "its certificate is not trusted (self-signed, or from an unknown authority)";
            }
            if (message.contains("No subject alternative") || message.contains("doesn't match")) {
                return "its certificate is for another name than " + server.host();
            }
            if (message.contains("Unsupported or unrecognized SSL message")
                    || message.contains("plaintext connection")) {
                return "the server does not speak TLS on port " + server.port() + " (try STARTTLS or no security)";
            }
            if (message.contains("Remote host terminated the handshake")) {
                return "the server closed the connection during the handshake";
            }
        }
        var deepest = chain.stream()
                .filter(t -> t instanceof SSLException || t instanceof CertificateException)
                .map(Throwable::getMessage)
                .filter(m -> m != null && !m.isBlank())
                .reduce((first, second) -> second)
                .orElse("the handshake failed");
        return shortened(deepest);
    }

    private static String reply(int code, String message) {
        var text = message == null ? "" : message.strip();
        return text.startsWith(String.valueOf(code)) ? text : (code + " " + text).strip();
    }

    private static String shortened(String message) {
        var oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }

    /** The exception, its causes and the exceptions mail chains to them, each once. */
    private static List<Throwable> chain(Throwable e) {
        var seen = new IdentityHashMap<Throwable, Boolean>();
        var chain = new ArrayList<Throwable>();
        var pending = new ArrayList<Throwable>(List.of(e));
        while (!pending.isEmpty()) {
            var t = pending.removeFirst();
            if (t == null || seen.put(t, true) != null) {
                continue;
            }
            chain.add(t);
            if (t instanceof MessagingException m) {
                pending.add(m.getNextException());
            }
            pending.add(t.getCause());
        }
        return chain;
    }

    private static boolean signsIn(Mailbox mailbox) {
        return mailbox.smtp().user() != null && !mailbox.smtp().user().isBlank();
    }

    private static String imapProtocol(Mailbox mailbox) {
        return mailbox.imap().security() == MailSecurity.TLS ? "imaps" : "imap";
    }

    private static String smtpProtocol(Mailbox mailbox) {
        return mailbox.smtp().security() == MailSecurity.TLS ? "smtps" : "smtp";
    }

    /**
     * The Angus Mail properties of one protocol ({@code mail.<protocol>.*}): where to connect, how
     * long to wait, and how the connection is secured.
     */
    private static Properties properties(String protocol, Mailbox.Server server) {
        var prefix = "mail." + protocol + ".";
        var properties = new Properties();
        properties.setProperty(prefix + "host", server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
        properties.setProperty(prefix + "timeout", String.valueOf(IO_TIMEOUT.toMillis()));
        properties.setProperty(prefix + "writetimeout", String.valueOf(IO_TIMEOUT.toMillis()));
        switch (server.security()) {
            case NONE -> {
                // Never upgraded half-way: NONE means plain, as chosen.
                properties.setProperty(prefix + "starttls.enable", "false");
            }
            case STARTTLS -> {
                properties.setProperty(prefix + "starttls.enable", "true");
                // Refuse to sign in over plain text when the server does not offer the upgrade.
                properties.setProperty(prefix + "starttls.required", "true");
                properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.setProperty(prefix + "ssl.enable", "true");
                properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
        }
        return properties;
    }
}
