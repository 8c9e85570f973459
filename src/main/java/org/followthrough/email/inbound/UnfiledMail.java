package org.followthrough.email.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Received mail that is on no case: bulk mail and notifications, auto-replies and bounces that answer
 * nothing, our own mail come back. Each was recorded without waking anyone; admins see it here with
 * the reason and the original, and can file it as a case ({@link MailIngest#fileAsCase}).
 */
@Service
public class UnfiledMail {

    /** A received message on no case, or one an admin filed ({@code filedAt} set). */
    public record Item(
            UUID id,
            MailboxId mailboxId,
            String messageKey,
            String fromAddress,
            String fromName,
            String subject,
            String reason,
            long size,
            Instant receivedAt,
            Instant filedAt,
            CaseId filedTo) {

        public boolean waiting() {
            return filedAt == null;
        }
    }

    private static final String SELECT = """
            select m.id, m.mailbox_id, m.message_key, m.from_address, m.from_name, m.subject,
                coalesce(m.not_filed_reason, 'Not for a case') reason, octet_length(r.raw) size, m.created_at,
                m.filed_at, case when m.filed_at is null then null else m.case_id end filed_to
            from mail_message m left join mail_raw r on r.message_id = m.id
            """;

    private final JdbcClient db;

    UnfiledMail(JdbcClient db) {
        this.db = db;
    }

    /** Messages on no case newest first (with {@code includeFiled}, those filed since too), a page at a time. */
    public Slice<Item> list(boolean includeFiled, String cursor, int limit) {
        var after = cursor == null || cursor.isBlank() ? null : Keyset.decode(cursor, 2);
        var items = db.sql(SELECT + """
                        where m.direction = 'IN' and (m.case_id is null or (? and m.filed_at is not null))
                          and (?::timestamptz is null or (m.created_at, m.id) < (?::timestamptz, ?::uuid))
                        order by m.created_at desc, m.id desc
                        limit ?""")
                .params(
                        includeFiled,
                        after == null ? null : Sql.ts(after.instant(0)),
                        after == null ? null : Sql.ts(after.instant(0)),
                        after == null ? null : after.uuid(1),
                        limit + 1)
                .query(UnfiledMail::item)
                .list();
        return Slice.of(items, limit, item -> Keyset.of(item.receivedAt(), item.id()));
    }

    /** The message, while it is on no case or after an admin filed it; empty for mail filed on its own. */
    public Optional<Item> find(UUID id) {
        return db.sql(SELECT
                        + " where m.id = ? and m.direction = 'IN' and (m.case_id is null or m.filed_at is not null)")
                .param(id)
                .query(UnfiledMail::item)
                .optional();
    }

    /** The original as it arrived. */
    public Optional<byte[]> raw(UUID id) {
        return find(id).flatMap(item -> db.sql("select raw from mail_raw where message_id = ?")
                .param(id)
                .query((rs, n) -> rs.getBytes(1))
                .optional());
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        var mailbox = Sql.uuid(rs, "mailbox_id");
        var filedTo = Sql.uuid(rs, "filed_to");
        return new Item(
                Sql.uuid(rs, "id"),
                mailbox == null ? null : new MailboxId(mailbox),
                rs.getString("message_key"),
                rs.getString("from_address"),
                rs.getString("from_name"),
                rs.getString("subject"),
                rs.getString("reason"),
                rs.getLong("size"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "filed_at"),
                filedTo == null ? null : new CaseId(filedTo));
    }
}
