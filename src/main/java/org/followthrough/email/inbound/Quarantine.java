package org.followthrough.email.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.platform.Ids;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages that could not be read or placed on a case, kept raw with the reason. Nothing here is
 * ever dropped: an admin downloads the original or retries it once the cause is mended, and the
 * mailbox goes on with its other mail meanwhile.
 */
@Service
public class Quarantine {

    public record Item(
            UUID id,
            MailboxId mailboxId,
            String messageKey,
            String subject,
            String fromAddress,
            String reason,
            int attempts,
            long size,
            Instant receivedAt,
            Instant lastTriedAt,
            Instant releasedAt,
            CaseId releasedTo) {

        public boolean open() {
            return releasedAt == null;
        }
    }

    private final JdbcClient db;
    private final Clock clock;

    Quarantine(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Keeps the message with the reason, in a transaction of its own. The same message again (fetched
     * after a crash, or retried and failing again) is one item with its attempts counted.
     */
    @Transactional
    public UUID keep(MailboxId mailbox, String key, String subject, String from, String reason, byte[] raw) {
        var now = clock.instant();
        return db.sql("""
                        insert into mail_quarantine (id, mailbox_id, message_key, subject, from_address, reason, raw,
                            received_at, last_tried_at)
                        values (?, ?, ?, left(?, 998), left(?, 320), left(?, 4000), ?, ?, ?)
                        on conflict (message_key) do update set reason = excluded.reason,
                            attempts = mail_quarantine.attempts + 1, last_tried_at = excluded.last_tried_at
                        returning id""")
                .params(
                        Ids.newId(),
                        mailbox == null ? null : mailbox.value(),
                        key,
                        subject == null ? "" : subject,
                        from == null ? "" : from,
                        reason,
                        raw,
                        Sql.ts(now),
                        Sql.ts(now))
                .query((rs, n) -> Sql.uuid(rs, 1))
                .single();
    }

    /** Whether this message is waiting in quarantine already: fetching it again adds nothing. */
    boolean holds(String key) {
        return db.sql("select exists (select 1 from mail_quarantine where message_key = ? and released_at is null)")
                .param(key)
                .query(Boolean.class)
                .single();
    }

    /** The message went through on a retry. */
    @Transactional
    public void released(UUID id, CaseId caseId) {
        db.sql("update mail_quarantine set released_at = ?, released_to = ? where id = ?")
                .params(Sql.ts(clock.instant()), caseId == null ? null : caseId.value(), id)
                .update();
    }

    /** Waiting items newest first (or all, released ones too), a page at a time. */
    public Slice<Item> list(boolean includeReleased, String cursor, int limit) {
        var after = cursor == null || cursor.isBlank() ? null : Keyset.decode(cursor, 2);
        var items = db.sql("""
                        select id, mailbox_id, message_key, subject, from_address, reason, attempts, octet_length(raw) size,
                            received_at, last_tried_at, released_at, released_to
                        from mail_quarantine
                        where (? or released_at is null)
                          and (?::timestamptz is null or (received_at, id) < (?::timestamptz, ?::uuid))
                        order by received_at desc, id desc
                        limit ?""")
                .params(
                        includeReleased,
                        after == null ? null : Sql.ts(after.instant(0)),
                        after == null ? null : Sql.ts(after.instant(0)),
                        after == null ? null : after.uuid(1),
                        limit + 1)
                .query(Quarantine::item)
                .list();
        return Slice.of(items, limit, item -> Keyset.of(item.receivedAt(), item.id()));
    }

    public long countOpen() {
        return db.sql("select count(*) from mail_quarantine where released_at is null")
                .query(Long.class)
                .single();
    }

    public Optional<Item> find(UUID id) {
        return db.sql("""
                        select id, mailbox_id, message_key, subject, from_address, reason, attempts, octet_length(raw) size,
                            received_at, last_tried_at, released_at, released_to
                        from mail_quarantine where id = ?""").param(id).query(Quarantine::item).optional();
    }

    public Optional<byte[]> raw(UUID id) {
        return db.sql("select raw from mail_quarantine where id = ?")
                .param(id)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        var mailbox = Sql.uuid(rs, "mailbox_id");
        var releasedTo = Sql.uuid(rs, "released_to");
        return new Item(
                Sql.uuid(rs, "id"),
                mailbox == null ? null : new MailboxId(mailbox),
                rs.getString("message_key"),
                rs.getString("subject"),
                rs.getString("from_address"),
                rs.getString("reason"),
                rs.getInt("attempts"),
                rs.getLong("size"),
                Sql.instant(rs, "received_at"),
                Sql.instant(rs, "last_tried_at"),
                Sql.instant(rs, "released_at"),
                releasedTo == null ? null : new CaseId(releasedTo));
    }
}
