package org.followthrough.email.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.email.inbound.MailStore;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.identity.ActingAgents;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Ids;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Sql;
import org.followthrough.timer.Timers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mail waiting to leave. A message is queued in the transaction that wrote it (the reply, the new
 * case, the alert) and sent by {@link OutboxSender} after that commits: a reply that rolls back is
 * never sent, and one that commits is sent even if the mail server is down at that moment.
 */
@NamedInterface("outbound")
@Service
public class Outbox {

    static final String SEND_TIMER = "mail.send";

    public enum Kind {
        REPLY,
        ACKNOWLEDGEMENT,
        ALERT
    }

    public enum State {
        QUEUED,
        SENDING,
        SENT,
        FAILED,
        GAVE_UP,
        NOT_SENT,
        /** Sent, and a bounce came back for it. */
        BOUNCED
    }

    /** A message to send; {@code autoSubmitted} marks what a machine wrote (RFC 3834). */
    record Mail(
            Kind kind,
            Mailbox mailbox,
            CaseId caseId,
            UUID entryId,
            AgentId agentId,
            String fromName,
            List<String> to,
            List<String> cc,
            String subject,
            String inReplyTo,
            List<String> references,
            String text,
            boolean autoSubmitted) {}

    /** A queued message as the case page shows it. */
    public record Line(
            UUID id,
            Kind kind,
            UUID entryId,
            List<String> to,
            List<String> cc,
            State state,
            int attempts,
            String lastError,
            Instant nextAttemptAt,
            Instant sentAt) {}

    private final JdbcClient db;
    private final MailStore store;
    private final Timers timers;
    private final ActingAgents agents;
    private final Clock clock;

    Outbox(JdbcClient db, MailStore store, Timers timers, ActingAgents agents, Clock clock) {
        this.db = db;
        this.store = store;
        this.timers = timers;
        this.agents = agents;
        this.clock = clock;
    }

    /** Queues the message and sets the timer that sends it; both commit with the caller's work. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID queue(Mail mail) {
        var now = clock.instant();
        var id = Ids.newId();
        var messageId = Ids.newId() + "@" + domainOf(mail.mailbox().address());
        insert(id, mail, messageId, State.QUEUED, null, now);
        store.recordOutbound(
                Ids.newId(),
                mail.mailbox().id(),
                messageId,
                mail.caseId(),
                mail.entryId(),
                mail.mailbox().address(),
                mail.fromName(),
                mail.to(),
                mail.cc(),
                mail.subject(),
                mail.inReplyTo(),
                mail.references(),
                mail.text(),
                now);
        timers.set(SEND_TIMER, id, now);
        return id;
    }

    /** Records that a message could not even be queued (no address, no mailbox), so the case says so. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID notSent(Mail mail, String reason) {
        var id = Ids.newId();
        var domain = mail.mailbox() == null
                ? "followthrough.invalid"
                : domainOf(mail.mailbox().address());
        insert(id, mail, Ids.newId() + "@" + domain, State.NOT_SENT, reason, clock.instant());
        return id;
    }

    private void insert(UUID id, Mail mail, String messageId, State state, String error, Instant now) {
        db.sql("""
                insert into mail_outbox (id, mailbox_id, kind, case_id, entry_id, agent_id, message_id, from_name,
                    to_addresses, cc_addresses, subject, in_reply_to, refs, body_text, auto_submitted, state,
                    last_error, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        mail.mailbox() == null ? null : mail.mailbox().id().value(),
                        mail.kind().name(),
                        mail.caseId() == null ? null : mail.caseId().value(),
                        mail.entryId(),
                        mail.agentId() == null ? null : mail.agentId().value(),
                        messageId,
                        mail.fromName(),
                        mail.to().toArray(String[]::new),
                        mail.cc().toArray(String[]::new),
                        mail.subject(),
                        mail.inReplyTo(),
                        mail.references().toArray(String[]::new),
                        mail.text(),
                        mail.autoSubmitted(),
                        state.name(),
                        error,
                        Sql.ts(now))
                .update();
    }

    /** A bounce came back for the message with this Message-ID: it did not arrive after all. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void bounced(String messageId, String reason) {
        db.sql(
                        "update mail_outbox set state = 'BOUNCED', last_error = left(?, 2000) where message_id = ? and kind <> 'ALERT'")
                .params(reason, messageId)
                .update();
    }

    /** A reply that did not arrive, on a case its owner still works. */
    public record Problem(
            UUID id, long caseNumber, String caseSubject, List<String> to, State state, String reason, Instant at) {}

    private static final String PROBLEMS = """
            from mail_outbox o join case_summary c on c.id = o.case_id
            where o.state in ('GAVE_UP', 'BOUNCED') and o.kind = 'REPLY' and o.problem_seen_at is null
              and c.owner_id = ? and c.active""";

    /** The owner's replies that did not arrive and that they have not put away yet, newest first. */
    public List<Problem> problemsOf(AgentId owner, int limit) {
        return db.sql("select o.id, c.number, c.subject, o.to_addresses, o.state, o.last_error, o.created_at "
                        + PROBLEMS + " order by o.created_at desc limit ?")
                .params(owner.value(), limit)
                .query((rs, n) -> new Problem(
                        Sql.uuid(rs, "id"),
                        rs.getLong("number"),
                        rs.getString("subject"),
                        Sql.strings(rs, "to_addresses"),
                        State.valueOf(rs.getString("state")),
                        rs.getString("last_error"),
                        Sql.instant(rs, "created_at")))
                .list();
    }

    public long countProblemsOf(AgentId owner, int cap) {
        return db.sql("select count(*) from (select 1 " + PROBLEMS + " limit ?) p")
                .params(owner.value(), cap)
                .query(Long.class)
                .single();
    }

    /** The case's owner (or a supervisor) has seen that this reply did not arrive. */
    @Transactional
    public void problemSeen(UUID id, Actor by) {
        var agent = agents.of(by);
        int updated = db.sql("""
                        update mail_outbox o set problem_seen_at = ?
                        from case_summary c
                        where o.id = ? and c.id = o.case_id and (c.owner_id = ? or ?)""")
                .params(Sql.ts(clock.instant()), id, agent.id().value(), agent.isAtLeast(Role.SUPERVISOR))
                .update();
        if (updated == 0) {
            throw new NotFoundException("Undelivered reply", id);
        }
    }

    /** How many acknowledgements went to this address since then: they are rate-limited per address. */
    int acknowledgementsTo(String address, Instant since) {
        return db.sql("""
                        select count(*) from mail_outbox
                        where kind = 'ACKNOWLEDGEMENT' and to_addresses[1] = lower(?) and created_at >= ?""").params(address, Sql.ts(since)).query(Integer.class).single();
    }

    /** The case's mail, oldest first, for its timeline. */
    public List<Line> ofCase(CaseId caseId) {
        return db.sql(LINES + " where case_id = ? order by created_at, id")
                .param(caseId.value())
                .query(Outbox::line)
                .list();
    }

    public Optional<Line> find(UUID id) {
        return db.sql(LINES + " where id = ?").param(id).query(Outbox::line).optional();
    }

    private static final String LINES = """
            select id, kind, entry_id, to_addresses, cc_addresses, state, attempts, last_error, next_attempt_at, sent_at
            from mail_outbox""";

    private static Line line(ResultSet rs, int row) throws SQLException {
        return new Line(
                Sql.uuid(rs, "id"),
                Kind.valueOf(rs.getString("kind")),
                Sql.uuid(rs, "entry_id"),
                Sql.strings(rs, "to_addresses"),
                Sql.strings(rs, "cc_addresses"),
                State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                Sql.instant(rs, "next_attempt_at"),
                Sql.instant(rs, "sent_at"));
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "followthrough.invalid" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
