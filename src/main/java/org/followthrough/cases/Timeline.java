package org.followthrough.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The append-only timelines of all cases. */
@Repository
class Timeline {

    static final int MAX_ENTRIES_SHOWN = 1000;

    private final JdbcClient db;
    private final JsonMapper json;

    Timeline(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    void append(TimelineEntry entry) {
        appendAll(List.of(entry));
    }

    /** Several entries in one statement, in the order given. */
    void appendAll(List<TimelineEntry> entries) {
        var sql = new StringBuilder("""
                insert into case_entry (id, case_id, kind, author_type, author_id, author_name, channel,
                                        visible_to_customer, body, call_direction, call_duration_seconds,
                                        event_type, event_data, created_at, not_delivered)
                values """);
        var params = new ArrayList<Object>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)");
            params.add(entry.id());
            params.add(entry.caseId().value());
            params.add(entry.kind().name());
            params.add(entry.author().type().name());
            params.add(entry.author().id());
            params.add(entry.author().name());
            params.add(entry.channel().name());
            params.add(entry.visibleToCustomer());
            params.add(entry.body() == null ? "" : entry.body());
            params.add(
                    entry.callDirection() == null ? null : entry.callDirection().name());
            params.add(
                    entry.callDuration() == null
                            ? null
                            : (int) entry.callDuration().toSeconds());
            params.add(entry.eventType());
            params.add(entry.eventData() == null ? null : json.writeValueAsString(entry.eventData()));
            params.add(Sql.ts(entry.createdAt()));
            params.add(
                    entry.notDelivered() == null ? null : entry.notDelivered().name());
        }
        db.sql(sql.toString()).params(params).update();
        keepWaitingSince(entries);
    }

    /**
     * Keeps {@code support_case.waiting_since}, the inbox's "waiting since": a customer's message
     * starts the wait unless one is already running, a reply or a call ends it.
     */
    private void keepWaitingSince(List<TimelineEntry> entries) {
        var cases = new LinkedHashMap<CaseId, List<TimelineEntry>>();
        for (var entry : entries) {
            cases.computeIfAbsent(entry.caseId(), id -> new ArrayList<>()).add(entry);
        }
        cases.forEach((caseId, ofCase) -> {
            boolean answered = false;
            Instant since = null;
            for (var entry : ofCase) {
                switch (entry.kind()) {
                    case REPLY, CALL -> {
                        answered = true;
                        since = null;
                    }
                    case INBOUND -> since = since == null ? entry.createdAt() : since;
                    default -> {}
                }
            }
            if (answered) {
                db.sql("update support_case set waiting_since = ? where id = ?")
                        .params(since == null ? null : Sql.ts(since), caseId.value())
                        .update();
            } else if (since != null) {
                db.sql("update support_case set waiting_since = coalesce(waiting_since, ?) where id = ?")
                        .params(Sql.ts(since), caseId.value())
                        .update();
            }
        });
    }

    /** A case's timeline, oldest first; the newest {@value #MAX_ENTRIES_SHOWN} when it is longer. */
    List<TimelineEntry> of(CaseId caseId, boolean customerVisibleOnly) {
        return db.sql("""
                select * from (
                    select * from case_entry where case_id = ? and (visible_to_customer or not ?)
                    order by created_at desc, id desc limit ?
                ) newest order by created_at, id""")
                .params(caseId.value(), customerVisibleOnly, MAX_ENTRIES_SHOWN)
                .query(this::entry)
                .list();
    }

    Optional<TimelineEntry> find(CaseId caseId, UUID entryId) {
        return db.sql("select * from case_entry where case_id = ? and id = ?")
                .params(caseId.value(), entryId)
                .query(this::entry)
                .optional();
    }

    /** The channels the customer wrote on in this case, the most recently used first. */
    List<Channel> inboundChannels(CaseId caseId) {
        return db.sql("""
                select channel from case_entry where case_id = ? and kind = 'INBOUND'
                group by channel order by max(created_at) desc""")
                .param(caseId.value())
                .query((rs, n) -> Channel.valueOf(rs.getString(1)))
                .list();
    }

    int count(CaseId caseId) {
        return db.sql("select count(*) from case_entry where case_id = ?")
                .param(caseId.value())
                .query(Integer.class)
                .single();
    }

    private TimelineEntry entry(ResultSet rs, int row) throws SQLException {
        var duration = rs.getObject("call_duration_seconds", Integer.class);
        var direction = rs.getString("call_direction");
        var data = rs.getString("event_data");
        var notDelivered = rs.getString("not_delivered");
        return new TimelineEntry(
                Sql.uuid(rs, "id"),
                new CaseId(Sql.uuid(rs, "case_id")),
                EntryKind.valueOf(rs.getString("kind")),
                new Actor(
                        Actor.Type.valueOf(rs.getString("author_type")),
                        Sql.uuid(rs, "author_id"),
                        rs.getString("author_name")),
                Channel.valueOf(rs.getString("channel")),
                rs.getBoolean("visible_to_customer"),
                rs.getString("body"),
                direction == null ? null : CallDirection.valueOf(direction),
                duration == null ? null : Duration.ofSeconds(duration),
                rs.getString("event_type"),
                data == null ? null : json.readValue(data, new TypeReference<Map<String, Object>>() {}),
                Sql.instant(rs, "created_at"),
                notDelivered == null ? null : NotDelivered.valueOf(notDelivered));
    }
}
