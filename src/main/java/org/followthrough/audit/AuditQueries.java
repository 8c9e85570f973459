package org.followthrough.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log as people read it: filtered, keyset-paged newest first, every id on a page turned
 * into the name of the agent, team, customer or case it stands for. Names come from the published
 * views of their modules (ADR 017) in one query per page, never from their tables.
 */
@Service
public class AuditQueries {

    /** A value longer than this (a note, a description) is cut: the page is a log, not an archive. */
    private static final int MAX_VALUE = 160;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z_]+");

    private final JdbcClient db;
    private final JsonMapper json;

    AuditQueries(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Everyone who may have acted, to filter by: agents by name, active or not. */
    public List<Actor> actors() {
        return db.sql("select id, display_name from agent_summary order by display_name, id")
                .query((rs, n) -> new Actor(Sql.uuid(rs, "id"), rs.getString("display_name")))
                .list();
    }

    /** An agent who may be named in the filter. */
    public record Actor(UUID id, String name) {}

    /** The case with this number, if there is one. */
    public Optional<UUID> caseWithNumber(long number) {
        return db.sql("select id from case_summary where number = ?")
                .param(number)
                .query((rs, n) -> Sql.uuid(rs, "id"))
                .optional();
    }

    /**
     * One page of events, newest first, continuing after {@code cursor} (the occurred time and id of
     * the last event shown). A case number that names no case finds nothing.
     */
    @Transactional(readOnly = true)
    public Slice<AuditEntry> page(AuditFilter filter, String cursor, int limit) {
        var sql = new StringBuilder("select * from audit_event a where true");
        var params = new ArrayList<Object>();
        if (filter.entityType() != null) {
            sql.append(" and a.entity_type = ?");
            params.add(filter.entityType());
        }
        if (filter.actorId() != null) {
            sql.append(" and a.actor_id = ?");
            params.add(filter.actorId());
        } else if (filter.bySystem()) {
            sql.append(" and a.actor_type = 'SYSTEM'");
        }
        if (filter.caseNumber() != null) {
            var caseId = caseWithNumber(filter.caseNumber());
            if (caseId.isEmpty()) {
                return new Slice<>(List.of(), null);
            }
            // The case's own events, and those of its promises and handoffs, which name it.
            sql.append(" and ((a.entity_type = 'case' and a.entity_id = ?)"
                    + " or coalesce(a.after ->> 'case', a.before ->> 'case') = ?)");
            params.add(caseId.get());
            params.add(caseId.get().toString());
        }
        if (filter.from() != null) {
            sql.append(" and a.occurred_at >= ?");
            params.add(Sql.ts(filter.from()));
        }
        if (filter.until() != null) {
            sql.append(" and a.occurred_at < ?");
            params.add(Sql.ts(filter.until()));
        }
        if (cursor != null && !cursor.isBlank()) {
            var after = Keyset.decode(cursor, 2);
            sql.append(" and (a.occurred_at, a.id) < (?, ?)");
            params.add(Sql.ts(after.instant(0)));
            params.add(after.longValue(1));
        }
        sql.append(" order by a.occurred_at desc, a.id desc limit ?");
        params.add(limit + 1);
        var rows = db.sql(sql.toString()).params(params).query(this::row).list();
        var slice = Slice.of(rows, limit, r -> Keyset.of(r.occurredAt(), r.id()));
        var names = Names.of(db, slice.items());
        return slice.map(names::entry);
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong("id"),
                Sql.instant(rs, "occurred_at"),
                new AuditEntry.Who(rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("actor_name")),
                rs.getString("entity_type"),
                Sql.uuid(rs, "entity_id"),
                rs.getString("action"),
                tree(rs.getString("before")),
                tree(rs.getString("after")));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }

    private record Row(
            long id,
            Instant occurredAt,
            AuditEntry.Who who,
            String entityType,
            UUID entityId,
            String action,
            JsonNode before,
            JsonNode after) {}

    private record Named<T>(UUID id, T name) {}

    private record CaseName(long number, String subject) {
        String label() {
            return "#" + number + " " + subject;
        }

        String href() {
            return "/cases/" + number;
        }
    }

    /** The names of every id on one page, read in two queries. */
    private record Names(Map<UUID, String> people, Map<UUID, CaseName> cases) {

        static Names of(JdbcClient db, List<Row> rows) {
            var ids = new LinkedHashSet<UUID>();
            for (var row : rows) {
                ids.add(row.entityId());
                collect(row.before(), ids);
                collect(row.after(), ids);
            }
            if (ids.isEmpty()) {
                return new Names(Map.of(), Map.of());
            }
            var array = ids.toArray(UUID[]::new);
            var people = new HashMap<UUID, String>();
            for (var named : db.sql("""
                            select id, display_name as name from agent_summary where id = any(:ids)
                            union all select id, name from team_summary where id = any(:ids)
                            union all select id, name from customer_summary where id = any(:ids)""")
                    .param("ids", array)
                    .query((rs, n) -> new Named<>(Sql.uuid(rs, "id"), rs.getString("name")))
                    .list()) {
                people.put(named.id(), named.name());
            }
            var cases = new HashMap<UUID, CaseName>();
            for (var named : db.sql("select id, number, subject from case_summary where id = any(:ids)")
                    .param("ids", array)
                    .query((rs, n) -> new Named<>(
                            Sql.uuid(rs, "id"), new CaseName(rs.getLong("number"), rs.getString("subject"))))
                    .list()) {
                cases.put(named.id(), named.name());
            }
            return new Names(people, cases);
        }

        private static void collect(JsonNode node, Set<UUID> ids) {
            if (node == null) {
                return;
            }
            if (node.isString() && UUID_TEXT.matcher(node.stringValue()).matches()) {
                ids.add(UUID.fromString(node.stringValue()));
            }
            if (node.isContainer()) {
                node.values().forEach(child -> collect(child, ids));
            }
        }

        AuditEntry entry(Row row) {
            return new AuditEntry(
                    row.id(),
                    row.occurredAt(),
                    row.who(),
                    row.entityType(),
                    row.action(),
                    subject(row),
                    changes(row.before(), row.after()));
        }

        private AuditEntry.Subject subject(Row row) {
            var id = row.entityId();
            return switch (row.entityType()) {
                case "case" -> {
                    var c = cases.get(id);
                    yield c == null
                            ? new AuditEntry.Subject(caseFromSnapshot(row), null, null, null)
                            : new AuditEntry.Subject(c.label(), c.href(), null, null);
                }
                case "customer" -> new AuditEntry.Subject(people.get(id), "/customers/" + id, null, null);
                case "agent" -> new AuditEntry.Subject(people.get(id), "/admin/agents/" + id, null, null);
                case "team" -> new AuditEntry.Subject(people.get(id), "/admin/teams", null, null);
                case "promise", "handoff" -> {
                    var c = cases.get(uuid(field(row, "case")));
                    yield new AuditEntry.Subject(
                            description(row), null, c == null ? null : c.label(), c == null ? null : c.href());
                }
                default -> new AuditEntry.Subject(description(row), null, null, null);
            };
        }

        /** A case no longer there: its number and subject as they were recorded. */
        private static String caseFromSnapshot(Row row) {
            var number = field(row, "number");
            var subject = field(row, "subject");
            if (subject == null) {
                return null;
            }
            return number == null ? subject : "#" + number + " " + subject;
        }

        /** What the thing calls itself in its own record, when it has no page of its own. */
        private static String description(Row row) {
            for (var key : List.of("name", "description", "address", "email", "subject")) {
                var value = field(row, key);
                if (value != null) {
                    return cut(value);
                }
            }
            return null;
        }

        private static String field(Row row, String key) {
            for (var node : new JsonNode[] {row.after(), row.before()}) {
                if (node != null
                        && node.isObject()
                        && node.has(key)
                        && node.get(key).isValueNode()) {
                    var value = node.get(key);
                    if (!value.isNull()) {
                        return value.asString();
                    }
                }
            }
            return null;
        }

        private static UUID uuid(String text) {
            return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
        }

        /**
         * The fields that differ between before and after, in the order the record has them; when
         * the thing was made (nothing before) or removed (nothing after), every field it had.
         */
        private List<AuditEntry.Change> changes(JsonNode before, JsonNode after) {
            var keys = new LinkedHashSet<String>();
            for (var node : new JsonNode[] {before, after}) {
                if (node != null && node.isObject()) {
                    node.properties().forEach(e -> keys.add(e.getKey()));
                }
            }
            var changes = new ArrayList<AuditEntry.Change>();
            for (var key : keys) {
                var was = before == null ? null : before.get(key);
                var is = after == null ? null : after.get(key);
                if (was != null && is != null && was.equals(is)) {
                    continue;
                }
                var from = value(was);
                var to = value(is);
                if (from != null || to != null) {
                    changes.add(new AuditEntry.Change(key, from, to));
                }
            }
            return changes;
        }

        private AuditEntry.Value value(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isArray()) {
                var parts = new ArrayList<String>();
                node.values().forEach(child -> {
                    var v = value(child);
                    if (v != null && v.text() != null) {
                        parts.add(v.text());
                    }
                });
                return parts.isEmpty() ? null : AuditEntry.Value.text(cut(String.join(", ", parts)));
            }
            if (node.isObject()) {
                // A nested record (a mailbox's server, a calendar's hours): "key value; key value".
                var parts = new ArrayList<String>();
                node.properties().forEach(e -> {
                    var v = value(e.getValue());
                    if (v != null && v.text() != null) {
                        parts.add(e.getKey() + " " + v.text());
                    }
                });
                return parts.isEmpty() ? null : AuditEntry.Value.text(cut(String.join("; ", parts)));
            }
            var text = node.asString();
            if (UUID_TEXT.matcher(text).matches()) {
                var id = UUID.fromString(text);
                var c = cases.get(id);
                if (c != null) {
                    return AuditEntry.Value.text(c.label());
                }
                return AuditEntry.Value.text(people.getOrDefault(id, text));
            }
            if (ISO_INSTANT.matcher(text).matches()) {
                try {
                    return new AuditEntry.Value(null, OffsetDateTime.parse(text).toInstant());
                } catch (DateTimeParseException e) {
                    // Not a moment after all: shown as it is.
                }
            }
            if (CONSTANT.matcher(text).matches()) {
                return AuditEntry.Value.text(text.replace('_', ' ').toLowerCase(Locale.ROOT));
            }
            return AuditEntry.Value.text(cut(text));
        }

        private static String cut(String text) {
            return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
        }
    }
}
