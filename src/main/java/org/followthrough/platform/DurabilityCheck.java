package org.followthrough.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app confirms a write only once PostgreSQL has it on disk. A server running with
 * {@code fsync}, {@code synchronous_commit} or {@code full_page_writes} off can lose writes the app
 * already confirmed to a person, or corrupt its data, when it or its machine crashes: the app
 * refuses to start on one unless the operator said in so many words that losing data is acceptable
 * ({@code followthrough.database.accept-data-loss}, for throw-away test databases).
 */
final class DurabilityCheck {

    private static final Logger log = LoggerFactory.getLogger(DurabilityCheck.class);

    private static final Map<String, String> WHAT_IT_RISKS = Map.of(
            "fsync", "a crash can lose or corrupt any data",
            "synchronous_commit", "a crash loses the last writes the app already confirmed",
            "full_page_writes", "a crash can corrupt the data");

    private DurabilityCheck() {}

    static void verify(DataSource dataSource, boolean acceptDataLoss) {
        var unsafe = unsafeSettings(JdbcClient.create(dataSource));
        if (unsafe.isEmpty()) {
            return;
        }
        var message = "The database runs with " + String.join(", ", unsafe) + ": "
                + String.join(
                        "; ",
                        unsafe.stream()
                                .map(s -> WHAT_IT_RISKS.get(s.split("=")[0]))
                                .toList()) + ".";
        if (acceptDataLoss) {
            log.warn("{} Starting anyway: followthrough.database.accept-data-loss is set.", message);
            return;
        }
        throw new IllegalStateException(message
                + " Turn these settings on in PostgreSQL, or, for a throw-away database only, set"
                + " FOLLOWTHROUGH_DATABASE_ACCEPT_DATA_LOSS=true.");
    }

    /** The durability settings that are off for this app's connections, as {@code name=value}. */
    static List<String> unsafeSettings(JdbcClient db) {
        var unsafe = new ArrayList<String>();
        db.sql("""
                select name, setting from pg_settings
                where name in ('fsync', 'synchronous_commit', 'full_page_writes')
                order by name""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(setting -> {
                    // synchronous_commit may be on, remote_write, remote_apply or local: all wait for
                    // the local disk. Only off returns before it.
                    if ("off".equals(setting.getValue())) {
                        unsafe.add(setting.getKey() + "=" + setting.getValue());
                    }
                });
        return unsafe;
    }
}
