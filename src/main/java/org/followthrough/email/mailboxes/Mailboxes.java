package org.followthrough.email.mailboxes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mailbox} table. Passwords go in sealed by {@link SecretBox} and come out in clear only
 * through {@link #imapPassword} and {@link #smtpPassword}, for the code that signs in to the servers.
 */
@Repository
class Mailboxes {

    private static final String COLUMNS = """
            id, address, display_name, team_id, imap_host, imap_port, imap_security, imap_user,
            imap_password <> '' as imap_password_set, imap_folder, smtp_host, smtp_port, smtp_security, smtp_user,
            smtp_password <> '' as smtp_password_set, poll_interval_seconds, acknowledge, active, last_polled_at,
            last_error, last_error_at, created_at, updated_at, version""";

    private final JdbcClient db;
    private final SecretBox secrets;

    Mailboxes(JdbcClient db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    /** A mailbox's settings as they are written; passwords in clear, sealed here. */
    record Row(
            String address,
            String displayName,
            TeamId teamId,
            String imapHost,
            int imapPort,
            MailSecurity imapSecurity,
            String imapUser,
            String imapFolder,
            String smtpHost,
            int smtpPort,
            MailSecurity smtpSecurity,
            String smtpUser,
            int pollIntervalSeconds,
            boolean acknowledge,
            boolean active) {}

    void insert(MailboxId id, Row row, String imapPassword, String smtpPassword, Instant at) {
        db.sql("""
                insert into mailbox (id, address, display_name, team_id, imap_host, imap_port, imap_security, imap_user,
                                     imap_password, imap_folder, smtp_host, smtp_port, smtp_security, smtp_user,
                                     smtp_password, poll_interval_seconds, acknowledge, active, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        row.address(),
                        row.displayName(),
                        row.teamId() == null ? null : row.teamId().value(),
                        row.imapHost(),
                        row.imapPort(),
                        row.imapSecurity().name(),
                        row.imapUser(),
                        secrets.encrypt(imapPassword),
                        row.imapFolder(),
                        row.smtpHost(),
                        row.smtpPort(),
                        row.smtpSecurity().name(),
                        row.smtpUser(),
                        secrets.encrypt(smtpPassword),
                        row.pollIntervalSeconds(),
                        row.acknowledge(),
                        row.active(),
                        Sql.ts(at),
                        Sql.ts(at))
                .update();
    }

    /**
     * Writes new settings. A null password keeps the stored one; an empty one removes it.
     */
    void update(MailboxId id, Row row, String imapPassword, String smtpPassword, Instant at) {
        db.sql("""
                update mailbox set address = ?, display_name = ?, team_id = ?, imap_host = ?, imap_port = ?,
                                   imap_security = ?, imap_user = ?, imap_password = coalesce(?, imap_password),
                                   imap_folder = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?, smtp_user = ?,
                                   smtp_password = coalesce(?, smtp_password), poll_interval_seconds = ?,
                                   acknowledge = ?, active = ?, updated_at = ?, version = version + 1
                where id = ?""")
                .params(
                        row.address(),
                        row.displayName(),
                        row.teamId() == null ? null : row.teamId().value(),
                        row.imapHost(),
                        row.imapPort(),
                        row.imapSecurity().name(),
                        row.imapUser(),
                        imapPassword == null ? null : secrets.encrypt(imapPassword),
                        row.imapFolder(),
                        row.smtpHost(),
                        row.smtpPort(),
                        row.smtpSecurity().name(),
                        row.smtpUser(),
                        smtpPassword == null ? null : secrets.encrypt(smtpPassword),
                        row.pollIntervalSeconds(),
                        row.acknowledge(),
                        row.active(),
                        Sql.ts(at),
                        id.value())
                .update();
    }

    boolean delete(MailboxId id) {
        return db.sql("delete from mailbox where id = ?").param(id.value()).update() > 0;
    }

    Optional<Mailbox> find(MailboxId id) {
        return db.sql("select " + COLUMNS + " from mailbox where id = ?")
                .param(id.value())
                .query(Mailboxes::mailbox)
                .optional();
    }

    /** The mailbox, its row locked until the transaction ends: two admins' changes do not interleave. */
    Optional<Mailbox> lock(MailboxId id) {
        return db.sql("select " + COLUMNS + " from mailbox where id = ? for update")
                .param(id.value())
                .query(Mailboxes::mailbox)
                .optional();
    }

    Optional<Mailbox> byAddress(String address) {
        return db.sql("select " + COLUMNS + " from mailbox where lower(address) = lower(?)")
                .param(address)
                .query(Mailboxes::mailbox)
                .optional();
    }

    List<Mailbox> list() {
        return db.sql("select " + COLUMNS + " from mailbox order by lower(address)")
                .query(Mailboxes::mailbox)
                .list();
    }

    List<Mailbox> active() {
        return db.sql("select " + COLUMNS + " from mailbox where active order by lower(address)")
                .query(Mailboxes::mailbox)
                .list();
    }

    /** The IMAP password in clear, or "" when none is stored. */
    String imapPassword(MailboxId id) {
        return secrets.decrypt(password(id, "imap_password"));
    }

    /** The SMTP password in clear, or "" when none is stored. */
    String smtpPassword(MailboxId id) {
        return secrets.decrypt(password(id, "smtp_password"));
    }

    /** The outcome of a poll: when it ran and, unless it went well, what went wrong. */
    void recordPoll(MailboxId id, Instant at, String errorOrNull) {
        db.sql("update mailbox set last_polled_at = ?, last_error = ?, last_error_at = ? where id = ?")
                .params(Sql.ts(at), errorOrNull, errorOrNull == null ? null : Sql.ts(at), id.value())
                .update();
    }

    /** Takes the mailbox's poll lease until {@code until}, unless another node holds one that has not run out. */
    boolean lease(MailboxId id, Instant now, Instant until) {
        return db.sql("""
                        update mailbox set poll_lease_until = ?
                        where id = ? and (poll_lease_until is null or poll_lease_until <= ?)""").params(Sql.ts(until), id.value(), Sql.ts(now)).update() == 1;
    }

    void renewLease(MailboxId id, Instant until) {
        db.sql("update mailbox set poll_lease_until = ? where id = ?")
                .params(Sql.ts(until), id.value())
                .update();
    }

    void releaseLease(MailboxId id) {
        db.sql("update mailbox set poll_lease_until = null where id = ?")
                .param(id.value())
                .update();
    }

    private String password(MailboxId id, String column) {
        return db.sql("select " + column + " from mailbox where id = ?")
                .param(id.value())
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Mailbox", id));
    }

    private static Mailbox mailbox(ResultSet rs, int row) throws SQLException {
        var team = Sql.uuid(rs, "team_id");
        return new Mailbox(
                new MailboxId(Sql.uuid(rs, "id")),
                rs.getString("address"),
                rs.getString("display_name"),
                team == null ? null : new TeamId(team),
                new Mailbox.Server(
                        rs.getString("imap_host"),
                        rs.getInt("imap_port"),
                        MailSecurity.valueOf(rs.getString("imap_security")),
                        rs.getString("imap_user"),
                        rs.getBoolean("imap_password_set")),
                rs.getString("imap_folder"),
                new Mailbox.Server(
                        rs.getString("smtp_host"),
                        rs.getInt("smtp_port"),
                        MailSecurity.valueOf(rs.getString("smtp_security")),
                        rs.getString("smtp_user"),
                        rs.getBoolean("smtp_password_set")),
                Duration.ofSeconds(rs.getInt("poll_interval_seconds")),
                rs.getBoolean("acknowledge"),
                rs.getBoolean("active"),
                Sql.instant(rs, "last_polled_at"),
                rs.getString("last_error"),
                Sql.instant(rs, "last_error_at"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                rs.getInt("version"));
    }
}
