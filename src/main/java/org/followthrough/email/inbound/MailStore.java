package org.followthrough.email.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.email.parse.MailAddress;
import org.followthrough.email.parse.ParsedAttachment;
import org.followthrough.email.parse.ParsedMail;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of messages in and out, their raw bytes, attachments, thread participants and bounces. */
@Repository
public class MailStore {

    /** How many earlier Message-IDs a reply's References carries: enough to thread, short enough to read. */
    private static final int REFERENCES_KEPT = 20;

    private final JdbcClient db;

    MailStore(JdbcClient db) {
        this.db = db;
    }

    /**
     * Claims a received message's key for this transaction. False when the key is already taken: the
     * message was ingested before (fetched again after a crash, or delivered to two mailboxes).
     */
    boolean claimInbound(UUID id, MailboxId mailbox, String key, Instant now) {
        return db.sql("""
                        insert into mail_message (id, mailbox_id, direction, message_key, disposition, created_at)
                        values (?, ?, 'IN', ?, 'IGNORED', ?)
                        on conflict (message_key, direction) do nothing""")
                        .params(id, mailbox == null ? null : mailbox.value(), key, Sql.ts(now))
                        .update()
                == 1;
    }

    boolean knownInbound(String key) {
        return db.sql("select exists (select 1 from mail_message where message_key = ? and direction = 'IN')")
                .param(key)
                .query(Boolean.class)
                .single();
    }

    /** Fills in what the claimed message was and where it went. */
    void recordInbound(UUID id, ParsedMail mail, String disposition, CaseId caseId, UUID entryId, byte[] raw) {
        db.sql("""
                update mail_message set case_id = ?, entry_id = ?, disposition = ?, from_address = ?, from_name = ?,
                    to_addresses = ?, cc_addresses = ?, subject = ?, in_reply_to = ?, refs = ?, html = ?,
                    full_text = ?, quoted_text = ?, auto_reason = ?, warnings = ?
                where id = ?""")
                .params(
                        caseId == null ? null : caseId.value(),
                        entryId,
                        disposition,
                        mail.from() == null ? "" : mail.from().address(),
                        mail.from() == null ? "" : mail.from().name(),
                        addresses(mail.to()),
                        addresses(mail.cc()),
                        mail.subject(),
                        mail.inReplyTo(),
                        mail.references().toArray(String[]::new),
                        mail.html(),
                        mail.text(),
                        mail.quotedText(),
                        mail.autoReason(),
                        mail.warnings().toArray(String[]::new),
                        id)
                .update();
        db.sql("insert into mail_raw (message_id, raw) values (?, ?)")
                .params(id, raw)
                .update();
        int position = 0;
        for (var attachment : mail.attachments()) {
            saveAttachment(id, caseId, attachment, position++);
        }
    }

    /** Why a received message is on no case, for the admins' list of mail not filed. */
    void notFiled(UUID id, String reason) {
        db.sql("update mail_message set not_filed_reason = left(?, 4000) where id = ?")
                .params(reason, id)
                .update();
    }

    /** The case of a received message, its row locked until the transaction ends; empty when no such message. */
    record Locked(MailboxId mailboxId, CaseId caseId, byte[] raw) {}

    Optional<Locked> lockInbound(UUID id) {
        return db.sql("""
                        select m.mailbox_id, m.case_id, r.raw from mail_message m join mail_raw r on r.message_id = m.id
                        where m.id = ? and m.direction = 'IN' for update of m""")
                .param(id)
                .query((rs, n) -> {
                    var mailbox = Sql.uuid(rs, "mailbox_id");
                    var caseId = Sql.uuid(rs, "case_id");
                    return new Locked(
                            mailbox == null ? null : new MailboxId(mailbox),
                            caseId == null ? null : new CaseId(caseId),
                            rs.getBytes("raw"));
                })
                .optional();
    }

    /** An admin filed a message that was on no case: it is on this one now, its attachments with it. */
    void filed(UUID id, String disposition, CaseId caseId, UUID entryId, UUID by, Instant now) {
        db.sql("""
                update mail_message set case_id = ?, entry_id = ?, disposition = ?, filed_at = ?, filed_by = ?
                where id = ?""")
                .params(caseId.value(), entryId, disposition, Sql.ts(now), by, id)
                .update();
        db.sql("update mail_attachment set case_id = ? where message_id = ?")
                .params(caseId.value(), id)
                .update();
    }

    private void saveAttachment(UUID messageId, CaseId caseId, ParsedAttachment a, int position) {
        db.sql("""
                insert into mail_attachment
                    (id, message_id, case_id, filename, content_type, content_id, inline, size, data, refused_reason, position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        messageId,
                        caseId == null ? null : caseId.value(),
                        a.filename(),
                        a.contentType(),
                        a.contentId(),
                        a.inline(),
                        a.size(),
                        a.data(),
                        a.refusedReason(),
                        position)
                .update();
    }

    /** A message we send, recorded when it is queued so a reply to it threads even before it leaves. */
    public void recordOutbound(
            UUID id,
            MailboxId mailbox,
            String messageId,
            CaseId caseId,
            UUID entryId,
            String fromAddress,
            String fromName,
            List<String> to,
            List<String> cc,
            String subject,
            String inReplyTo,
            List<String> references,
            String text,
            Instant now) {
        db.sql("""
                insert into mail_message (id, mailbox_id, direction, message_key, case_id, entry_id, disposition,
                    from_address, from_name, to_addresses, cc_addresses, subject, in_reply_to, refs, full_text, created_at)
                values (?, ?, 'OUT', ?, ?, ?, 'SENT', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        mailbox == null ? null : mailbox.value(),
                        messageId,
                        caseId == null ? null : caseId.value(),
                        entryId,
                        fromAddress,
                        fromName,
                        to.toArray(String[]::new),
                        cc.toArray(String[]::new),
                        subject,
                        inReplyTo,
                        references.toArray(String[]::new),
                        text,
                        Sql.ts(now))
                .update();
    }

    /** The case of the newest message, in or out, with one of these Message-IDs. */
    Optional<CaseId> caseOfMessages(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return db.sql("""
                        select case_id from mail_message
                        where message_key = any(?) and case_id is not null
                        order by created_at desc limit 1""")
                .param(keys.toArray(String[]::new))
                .query((rs, n) -> new CaseId(Sql.uuid(rs, "case_id")))
                .optional();
    }

    /** The Message-IDs a reply on this case refers to: the thread so far, oldest first, and the newest received. */
    public record Thread(List<String> references, String lastReceived) {}

    public Thread thread(CaseId caseId) {
        var rows = db.sql("""
                        select message_key, direction from mail_message
                        where case_id = ? and message_key not like 'sha256:%'
                        order by created_at desc, id desc limit ?""")
                .params(caseId.value(), REFERENCES_KEPT)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        String lastReceived = null;
        var references = new ArrayList<String>(rows.size());
        for (var row : rows.reversed()) {
            references.add(row[0]);
        }
        for (var row : rows) {
            if (row[1].equals("IN")) {
                lastReceived = row[0];
                break;
            }
        }
        return new Thread(references, lastReceived);
    }

    // --- participants ---------------------------------------------------------------------

    boolean isParticipant(CaseId caseId, String address) {
        return db.sql(
                        "select exists (select 1 from case_mail_participant where case_id = ? and lower(address) = lower(?))")
                .params(caseId.value(), address)
                .query(Boolean.class)
                .single();
    }

    void addParticipant(CaseId caseId, MailAddress who, Instant now) {
        db.sql("""
                insert into case_mail_participant (case_id, address, name, added_at) values (?, lower(?), ?, ?)
                on conflict do nothing""")
                .params(caseId.value(), who.address(), who.name(), Sql.ts(now))
                .update();
    }

    public List<String> participants(CaseId caseId) {
        return db.sql("select address from case_mail_participant where case_id = ? order by added_at, address")
                .param(caseId.value())
                .query(String.class)
                .list();
    }

    // --- which mailbox a case's thread runs through ------------------------------------------

    void useMailbox(CaseId caseId, MailboxId mailbox) {
        db.sql("insert into case_mailbox (case_id, mailbox_id) values (?, ?) on conflict do nothing")
                .params(caseId.value(), mailbox.value())
                .update();
    }

    public Optional<MailboxId> mailboxOf(CaseId caseId) {
        return db.sql("select mailbox_id from case_mailbox where case_id = ?")
                .param(caseId.value())
                .query((rs, n) -> new MailboxId(Sql.uuid(rs, 1)))
                .optional();
    }

    // --- bounces --------------------------------------------------------------------------

    void markBouncing(String address, String reason, CaseId caseId, Instant now) {
        db.sql("""
                insert into bouncing_address (address, reason, case_id, bounced_at) values (lower(?), ?, ?, ?)
                on conflict (address) do update set reason = excluded.reason, case_id = excluded.case_id,
                    bounced_at = excluded.bounced_at""")
                .params(address, reason, caseId == null ? null : caseId.value(), Sql.ts(now))
                .update();
    }

    /** Mail from an address arrived: it works again. */
    void clearBouncing(String address) {
        db.sql("delete from bouncing_address where address = lower(?)")
                .param(address)
                .update();
    }

    /** Why mail to this address bounced, while it is marked bouncing. */
    public Optional<String> bouncing(String address) {
        return db.sql("select reason from bouncing_address where address = lower(?)")
                .param(address)
                .query(String.class)
                .optional();
    }

    private static String[] addresses(List<MailAddress> list) {
        return list.stream().map(MailAddress::address).toArray(String[]::new);
    }
}
