package org.followthrough.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.followthrough.FollowthroughApplication;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.Channel;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.mailboxes.MailSecurity;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxDraft;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.followthrough.testing.DeskThatWillBeKilled;
import org.followthrough.testing.Eventually;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.MutableClock;
import org.followthrough.testing.TestMailServer;
import org.followthrough.timer.TimerRunner;
import org.followthrough.timer.Timers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reply whose sending is cut off by a crash: the desk, in a JVM of its own, claims the message and
 * is killed with SIGKILL while the mail server has not answered yet. The desk started again on the
 * same data sends it once the claim runs out, with its real timer loop and background sender, and
 * the customer gets exactly one copy.
 */
class OutboxAcrossACrashIntegrationTests {

    private static final String CUSTOMER = "nora@crash.example";
    private static final String SUPPORT = "support@desk-crash.example";

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    /** The restarted desk's clock, starting when the crashed desk claimed the message. */
    @Configuration(proxyBeanMethods = false)
    static class RestartClock {

        static volatile Instant start = Instant.now();

        @Bean
        @Primary
        MutableClock restartClock() {
            return new MutableClock(start);
        }
    }

    @Test
    void aReplyClaimedByADeskThatWasKilledIsSentOnceAfterTheRestart() throws Exception {
        try (var mail = new TestMailServer();
                var smtp = new StallingSmtp(mail.deliveryPort())) {
            mail.user(CUSTOMER, "customer-pw-1");
            UUID queued;
            try (var desk =
                    desk(b -> b, "--followthrough.timers.enabled=false", "--followthrough.mail.background=false")) {
                queued = queueReply(desk, mail, smtp.port());
            }

            // The desk in its own JVM fires the send timer, claims the message and opens the SMTP
            // connection; the server never greets, and the desk is killed mid-send.
            var log = logs.resolve("desk.log").toFile();
            var child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            DeskThatWillBeKilled.class.getName(),
                            "--followthrough.data-dir=" + dataDir,
                            "--followthrough.bootstrap.admin-password=crash-password-1",
                            "--followthrough.timers.enabled=true",
                            "--followthrough.mail.background=true",
                            "--server.port=0",
                            "--logging.level.root=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            try {
                Eventually.until(
                        Duration.ofSeconds(120),
                        "the desk in the child JVM connects to send the reply",
                        () -> !smtp.stalled().isEmpty() || !child.isAlive());
                assertThat(child.isAlive())
                        .as("the child desk is still running; its log:\n%s", Files.readString(log.toPath()))
                        .isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            var claimedBefore = smtp.stalled().getFirst();
            assertThat(mail.receivedBy(CUSTOMER)).isEmpty();

            smtp.passThrough();
            RestartClock.start = claimedBefore;
            try (var desk = desk(
                    b -> b.sources(RestartClock.class),
                    "--followthrough.timers.enabled=true",
                    "--followthrough.mail.background=true")) {
                var db = desk.getBean(JdbcClient.class);
                var clock = desk.getBean(MutableClock.class);
                var claimedUntil = db.sql("select claimed_until from mail_outbox where id = ? and state = 'SENDING'")
                        .param(queued)
                        .query((rs, n) -> Sql.instant(rs, "claimed_until"))
                        .single();
                assertThat(claimedUntil).isAfter(clock.instant());
                assertThat(desk.getBean(Timers.class).dueAt(Outbox.SEND_TIMER, queued))
                        .contains(claimedUntil);
                // While the dead desk's claim holds, nothing is sent.
                desk.getBean(TimerRunner.class).runDue();
                assertThat(mail.receivedBy(CUSTOMER)).isEmpty();

                clock.set(claimedUntil);
                Eventually.until(
                        Duration.ofSeconds(60),
                        "the restarted desk sends the reply once the claim ran out",
                        () -> "SENT".equals(state(db, queued)));
                var received = mail.receivedBy(CUSTOMER);
                assertThat(received).hasSize(1);
                assertThat(received.getFirst().getMessageID())
                        .isEqualTo("<"
                                + db.sql("select message_id from mail_outbox where id = ?")
                                        .param(queued)
                                        .query(String.class)
                                        .single()
                                + ">");
                assertThat(db.sql("select attempts from mail_outbox where id = ?")
                                .param(queued)
                                .query(Integer.class)
                                .single())
                        .isEqualTo(1);
                assertThat(desk.getBean(Timers.class).dueAt(Outbox.SEND_TIMER, queued))
                        .isEmpty();

                clock.advance(Duration.ofHours(1));
                desk.getBean(TimerRunner.class).runDue();
                assertThat(mail.receivedBy(CUSTOMER)).hasSize(1);
                // Nothing left polling while this desk shuts down.
                db.sql("update mailbox set active = false").update();
                db.sql("delete from timer where kind = 'mail.poll'").update();
            } finally {
                RestartClock.start = Instant.now();
            }
        }
    }

    private ConfigurableApplicationContext desk(
            Function<SpringApplicationBuilder, SpringApplicationBuilder> shape, String... extra) {
        var args = new ArrayList<>(List.of(
                "--followthrough.data-dir=" + dataDir,
                "--followthrough.bootstrap.admin-password=crash-password-1",
                "--server.port=0",
                "--logging.level.root=warn"));
        args.addAll(List.of(extra));
        return shape.apply(new SpringApplicationBuilder(FollowthroughApplication.class))
                .run(args.toArray(String[]::new));
    }

    /** A customer's mail makes a case on a mailbox sending through {@code smtpPort}; an agent answers it. */
    private static UUID queueReply(ConfigurableApplicationContext desk, TestMailServer mail, int smtpPort) {
        mail.user(SUPPORT, "support-pw-1");
        var mailbox = desk.getBean(MailboxDesk.class)
                .create(
                        new MailboxDraft(
                                SUPPORT,
                                "Support",
                                null,
                                new MailboxDraft.Server(
                                        "127.0.0.1", mail.imapPort(), MailSecurity.NONE, SUPPORT, "support-pw-1"),
                                "INBOX",
                                new MailboxDraft.Server("127.0.0.1", smtpPort, MailSecurity.NONE, "", ""),
                                60,
                                false,
                                true),
                        Actor.SYSTEM);
        var raw = ("From: Nora <" + CUSTOMER + ">\r\nTo: " + SUPPORT + "\r\nSubject: Parcel lost\r\n"
                        + "Message-ID: <crash-" + UUID.randomUUID() + "@crash.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nMy parcel never came.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var caseId = desk.getBean(MailIngest.class).ingest(mailbox, raw).caseId();
        var agent = desk.getBean(AgentDesk.class)
                .create("ann@crash.example", "Ann", Role.AGENT, ZoneOffset.UTC, Fixtures.PASSWORD, Actor.SYSTEM);
        desk.getBean(CaseDesk.class)
                .reply(
                        caseId,
                        "We are sending a new parcel today.",
                        Channel.EMAIL,
                        null,
                        Fixtures.signedIn(agent).actor());
        return desk.getBean(JdbcClient.class)
                .sql("select id from mail_outbox where case_id = ? and kind = 'REPLY' and state = 'QUEUED'")
                .param(caseId.value())
                .query(UUID.class)
                .single();
    }

    private static String state(JdbcClient db, UUID id) {
        return db.sql("select state from mail_outbox where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /**
     * An SMTP server that first takes connections and never answers (a send that hangs, so the
     * desk can be killed in the middle of it), then passes them on to the real mail server.
     */
    private static final class StallingSmtp implements AutoCloseable {

        private final int upstream;
        private final ServerSocket socket;
        private final List<Instant> stalled = new CopyOnWriteArrayList<>();
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private volatile boolean passThrough;

        StallingSmtp(int upstream) throws IOException {
            this.upstream = upstream;
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().name("stalling-smtp").start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        /** When each connection that got no answer was opened. */
        List<Instant> stalled() {
            return stalled;
        }

        void passThrough() {
            passThrough = true;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    var client = socket.accept();
                    if (!passThrough) {
                        stalled.add(Instant.now());
                        held.add(client);
                        continue;
                    }
                    var server = new Socket(InetAddress.getLoopbackAddress(), upstream);
                    Thread.ofVirtual().start(() -> pipe(client, server));
                    Thread.ofVirtual().start(() -> pipe(server, client));
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
        public void close() throws IOException {
            socket.close();
            for (var client : held) {
                client.close();
            }
        }
    }
}
