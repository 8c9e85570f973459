package org.followthrough.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Two connection pools on the one database: one for people (pages and the API), one for
 * background work (timers: reminders, breaches, escalations, mail). A burst of slow page queries
 * can take every connection of the first and still not hold back a single reminder.
 *
 * <p>The app sees one {@link javax.sql.DataSource}; which pool a connection comes from depends on
 * the thread asking: work run {@link #inBackground} draws from the background pool on its own
 * thread. Threads it starts (mail polling and sending, filing lanes) take their connections from
 * the requests pool, so a burst of mail cannot hold back the timers either.
 */
public final class ConnectionPools extends AbstractRoutingDataSource implements AutoCloseable {

    private static final ThreadLocal<Boolean> background = new ThreadLocal<>();

    private final HikariDataSource requests;
    private final HikariDataSource backgroundWork;

    ConnectionPools(HikariDataSource requests, HikariDataSource backgroundWork) {
        this.requests = requests;
        this.backgroundWork = backgroundWork;
        setTargetDataSources(Map.of(Pool.REQUESTS, requests, Pool.BACKGROUND, backgroundWork));
        setDefaultTargetDataSource(requests);
        afterPropertiesSet();
    }

    enum Pool {
        REQUESTS,
        BACKGROUND
    }

    /** Runs {@code work} with connections from the background pool. */
    public static <T> T inBackground(Supplier<T> work) {
        var before = background.get();
        background.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (before == null) {
                background.remove();
            } else {
                background.set(before);
            }
        }
    }

    /**
     * A connection of its own to the same database, outside both pools, for work that holds one as
     * long as the node runs (listening for notifications): a pool would count it busy for ever and
     * hand it to no one else. The caller closes it, and opens another when the database was away.
     */
    public Connection openDedicated(String applicationName) throws SQLException {
        var settings = new Properties();
        settings.putAll(requests.getDataSourceProperties());
        if (requests.getUsername() != null) {
            settings.setProperty("user", requests.getUsername());
        }
        if (requests.getPassword() != null) {
            settings.setProperty("password", requests.getPassword());
        }
        settings.setProperty("ApplicationName", applicationName);
        settings.setProperty("connectTimeout", "5");
        // Held for ever, it must notice a network that went away silently: no statement waits longer.
        settings.setProperty("tcpKeepAlive", "true");
        settings.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(requests.getJdbcUrl(), settings);
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return Boolean.TRUE.equals(background.get()) ? Pool.BACKGROUND : Pool.REQUESTS;
    }

    HikariDataSource requests() {
        return requests;
    }

    HikariDataSource background() {
        return backgroundWork;
    }

    @Override
    public void close() {
        try {
            backgroundWork.close();
        } finally {
            requests.close();
        }
    }
}
