package org.followthrough.testing;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.followthrough.email.mailboxes.MailSecurity;
import org.followthrough.email.mailboxes.MailboxDraft;
import org.followthrough.identity.TeamId;

/**
 * A real SMTP and IMAP server (GreenMail) on free ports, shared by every integration test like the
 * database is. Tests give each mailbox its own address and user, so they do not see each other's
 * mail. The desk sends through a relay in front of GreenMail's SMTP that {@link #stopSmtp()} takes
 * down (connections refused, as with a server that is down) and {@link #startSmtp()} brings back on
 * the same port.
 */
public final class TestMailServer implements AutoCloseable {

    private final GreenMail server;
    private final int relayPort;
    private volatile ServerSocket relay;

    public TestMailServer() {
        server = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()
        });
        server.start();
        relayPort = openRelay(0).getLocalPort();
    }

    /** The IMAP port the desk reads from. */
    public int imapPort() {
        return server.getImap().getPort();
    }

    /** The SMTP port customers' mail arrives on: delivered straight into the IMAP mailboxes. */
    public int deliveryPort() {
        return server.getSmtp().getPort();
    }

    /** The SMTP port the desk sends through; it delivers into the same mailboxes. */
    public int smtpPort() {
        return relayPort;
    }

    public GreenMail greenMail() {
        return server;
    }

    /** A mailbox user whose login is its address; the same call again returns the same user. */
    public GreenMailUser user(String address, String password) {
        return server.setUser(address, address, password);
    }

    /**
     * A mailbox on this server for a new IMAP user (login = address): plain connections, polled
     * every minute, in {@code team} (or none), acknowledging new cases when asked.
     */
    public MailboxDraft mailbox(String address, String password, TeamId team, boolean acknowledge) {
        user(address, password);
        return new MailboxDraft(
                address,
                "Support",
                team,
                new MailboxDraft.Server("127.0.0.1", imapPort(), MailSecurity.NONE, address, password),
                "INBOX",
                new MailboxDraft.Server("127.0.0.1", smtpPort(), MailSecurity.NONE, "", ""),
                60,
                acknowledge,
                true);
    }

    /** Puts this raw message, exactly as given, into the inbox of {@code address}, a {@link #user}. */
    public void deliver(String address, byte[] raw) throws MessagingException {
        var message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        server.getUserManager().getUser(address).deliver(message);
    }

    /** Everything delivered to this address so far. */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> {
                    try {
                        var recipients = m.getAllRecipients();
                        return recipients != null
                                && Arrays.stream(recipients)
                                        .anyMatch(
                                                r -> r.toString().toLowerCase().contains(address.toLowerCase()));
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** The outbound server goes down: connections are refused until {@link #startSmtp()}. */
    public synchronized void stopSmtp() {
        var socket = relay;
        relay = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }
    }

    public synchronized void startSmtp() {
        if (relay == null) {
            openRelay(relayPort);
        }
    }

    private synchronized ServerSocket openRelay(int port) {
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            relay = socket;
            Thread.ofVirtual().name("smtp-relay").start(() -> accept(socket));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                var client = socket.accept();
                var upstream = new Socket(InetAddress.getLoopbackAddress(), deliveryPort());
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (from;
                to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side hung up
        }
    }

    @Override
    public void close() {
        stopSmtp();
        server.stop();
    }
}
