package org.followthrough.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL that the app runs itself, its data kept in the data directory across
 * restarts.
 *
 * <p>A {@code kill -9} of the JVM leaves the postmaster running and its {@code postmaster.pid} in
 * place, and the next start would fail on it. The app therefore holds a file lock for as long as it
 * uses the directory; a postmaster found without that lock held belongs to a dead app and is stopped
 * before a new one starts.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String database;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            FileChannel lockChannel,
            FileLock lock,
            String database) {
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.database = database;
    }

    public static EmbeddedPostgres start(Path dataDir, int port, String database, boolean ephemeral) {
        try {
            Files.createDirectories(dataDir);
            var pgData = dataDir.resolve("postgres").toAbsolutePath();
            var lockChannel = FileChannel.open(
                    dataDir.resolve("followthrough.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("Another Followthrough is using the data directory "
                        + dataDir.toAbsolutePath() + "; stop it, or point FOLLOWTHROUGH_DATA_DIR elsewhere.");
            }
            stopOrphanedPostmaster(pgData);
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(ephemeral)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    // Statistics follow a young desk's tables within seconds, not a minute: a mailbox
                    // with thousands of unseen messages otherwise runs on plans made for empty tables.
                    .setServerConfig("autovacuum_naptime", "10s")
                    .setServerConfig("listen_addresses", "localhost");
            if (port > 0) {
                builder.setPort(port);
            }
            var server = builder.start();
            createDatabaseIfMissing(server, database);
            log.info("Embedded PostgreSQL is running on port {} with its data in {}", server.getPort(), pgData);
            return new EmbeddedPostgres(server, lockChannel, lock, database);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", database);
    }

    int port() {
        return server.getPort();
    }

    private static void createDatabaseIfMissing(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, String database) {
        try (var connection = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + database, e);
        }
    }

    private static void stopOrphanedPostmaster(Path pgData) throws IOException {
        var pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (!lines.isEmpty()) {
            try {
                long pid = Long.parseLong(lines.getFirst().trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().command().orElse("").contains("postgres"))
                        .ifPresent(EmbeddedPostgres::stop);
            } catch (NumberFormatException ignored) {
                // An unreadable pid file is stale by definition.
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static void stop(ProcessHandle postmaster) {
        log.warn("Stopping PostgreSQL (pid {}) left running by an app that did not shut down", postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
