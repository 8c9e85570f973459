package org.followthrough.email.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CaseId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the mail on a case: each message's details, its formatted body, attachments and original. */
@Service
public class MailArchive {

    public record Attachment(
            UUID id,
            UUID messageId,
            String filename,
            String contentType,
            String contentId,
            boolean inline,
            long size,
            String refusedReason) {

        public boolean refused() {
            return refusedReason != null;
        }

        /** Shown in the page itself rather than downloaded: only images a browser cannot run. */
        public boolean safeImage() {
            return !refused() && SAFE_IMAGES.contains(contentType);
        }
    }

    static final List<String> SAFE_IMAGES = List.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** One message of the case, received or sent, with what a timeline entry shows under its text. */
    public record Message(
            UUID id,
            UUID entryId,
            String direction,
            String disposition,
            String fromAddress,
            String fromName,
            List<String> to,
            List<String> cc,
            String subject,
            boolean hasHtml,
            String quotedText,
            String autoReason,
            List<String> warnings,
            List<Attachment> attachments) {

        public boolean automatic() {
            return disposition.equals("AUTO_REPLY");
        }
    }

    /** An attachment's bytes, for download. */
    public record AttachmentData(Attachment attachment, CaseId caseId, byte[] data) {}

    private final JdbcClient db;

    MailArchive(JdbcClient db) {
        this.db = db;
    }

    /** The case's received messages that are on its timeline, by entry. */
    public Map<UUID, Message> receivedOn(CaseId caseId) {
        var attachments = db.sql("""
                        select id, message_id, filename, content_type, content_id, inline, size, refused_reason
                        from mail_attachment where case_id = ? order by message_id, position""").param(caseId.value()).query(MailArchive::attachment).list().stream()
                .collect(Collectors.groupingBy(Attachment::messageId));
        return db
                .sql("""
                        select id, entry_id, direction, disposition, from_address, from_name, to_addresses, cc_addresses,
                            subject, html is not null has_html, quoted_text, auto_reason, warnings
                        from mail_message
                        where case_id = ? and direction = 'IN' and entry_id is not null
                        order by created_at""")
                .param(caseId.value())
                .query((rs, n) -> new Message(
                        Sql.uuid(rs, "id"),
                        Sql.uuid(rs, "entry_id"),
                        rs.getString("direction"),
                        rs.getString("disposition"),
                        rs.getString("from_address"),
                        rs.getString("from_name"),
                        Sql.strings(rs, "to_addresses"),
                        Sql.strings(rs, "cc_addresses"),
                        rs.getString("subject"),
                        rs.getBoolean("has_html"),
                        rs.getString("quoted_text"),
                        rs.getString("auto_reason"),
                        Sql.strings(rs, "warnings"),
                        attachments.getOrDefault(Sql.uuid(rs, "id"), List.of())))
                .list()
                .stream()
                .collect(Collectors.toMap(Message::entryId, m -> m, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * The sanitised HTML of a received message, with its inline images as {@code data:} URLs by
     * Content-ID: the frame that shows it has no origin of its own, so it could not fetch them.
     */
    public record Html(CaseId caseId, String html, Map<String, String> inlineImages) {}

    /** Inline images larger than this together are left out of the formatted view (still attachments). */
    private static final long INLINE_BUDGET = 5L * 1024 * 1024;

    public Optional<Html> html(UUID messageId) {
        return db.sql("select case_id, html from mail_message where id = ? and html is not null")
                .param(messageId)
                .query((rs, n) -> new Html(new CaseId(Sql.uuid(rs, "case_id")), rs.getString("html"), Map.of()))
                .optional()
                .map(html -> new Html(html.caseId(), html.html(), inlineImages(messageId)));
    }

    private Map<String, String> inlineImages(UUID messageId) {
        var images = new HashMap<String, String>();
        long budget = INLINE_BUDGET;
        var rows = db.sql("""
                        select content_id, content_type, data from mail_attachment
                        where message_id = ? and content_id is not null and data is not null
                          and content_type = any(?) and size <= ?
                        order by position""")
                .params(messageId, SAFE_IMAGES.toArray(String[]::new), INLINE_BUDGET)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)})
                .list();
        for (var row : rows) {
            var data = (byte[]) row[2];
            if (data.length > budget) {
                continue;
            }
            budget -= data.length;
            images.putIfAbsent(
                    (String) row[0],
                    "data:" + row[1] + ";base64," + Base64.getEncoder().encodeToString(data));
        }
        return images;
    }

    /** The original bytes of a received message, as it arrived. */
    public record Raw(CaseId caseId, String subject, byte[] raw) {}

    public Optional<Raw> raw(UUID messageId) {
        return db.sql("""
                        select m.case_id, m.subject, r.raw from mail_message m join mail_raw r on r.message_id = m.id
                        where m.id = ?""")
                .param(messageId)
                .query((rs, n) -> {
                    var caseId = Sql.uuid(rs, "case_id");
                    return new Raw(
                            caseId == null ? null : new CaseId(caseId), rs.getString("subject"), rs.getBytes("raw"));
                })
                .optional();
    }

    public Optional<AttachmentData> attachment(UUID id) {
        return db.sql("""
                        select id, message_id, filename, content_type, content_id, inline, size, refused_reason, case_id, data
                        from mail_attachment where id = ?""")
                .param(id)
                .query((rs, n) -> {
                    var caseId = Sql.uuid(rs, "case_id");
                    return new AttachmentData(
                            attachment(rs, n), caseId == null ? null : new CaseId(caseId), rs.getBytes("data"));
                })
                .optional();
    }

    private static Attachment attachment(ResultSet rs, int row) throws SQLException {
        return new Attachment(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "message_id"),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getString("content_id"),
                rs.getBoolean("inline"),
                rs.getLong("size"),
                rs.getString("refused_reason"));
    }
}
