package org.followthrough.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL that the app runs itself from the bundled binaries, its data kept in the data
 * directory across restarts.
 *
 * <p>It runs the way a production PostgreSQL does: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on, so a write the app confirmed survives a crash of the app, of
 * PostgreSQL or of the machine; only tests ask for a throw-away server without them. It listens on
 * the loopback address alone, has no Unix socket, and accepts SCRAM passwords only: the superuser
 * and the app's own role ({@code followthrough}, not a superuser, owner of its database) have
 * generated passwords kept in {@code <data dir>/pgpass}, readable by this user alone.
 *
 * <p>A {@code kill -9} of the JVM leaves the postmaster running and its {@code postmaster.pid} in
 * place. The app therefore holds a file lock for as long as it uses the directory; a postmaster
 * found without that lock held belongs to a dead app and is stopped before a new one starts. A
 * postmaster that dies while the app runs is started again by a watchdog, on the same port, after
 * PostgreSQL's own crash recovery.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    /** Where and how to run it. {@code ephemeral} deletes the data on close; {@code durable} is off only in tests. */
    public record Settings(Path dataDir, int port, String database, boolean ephemeral, boolean durable) {

        public static Settings in(Path dataDir) {
            return new Settings(dataDir, 0, "followthrough", false, true);
        }

        public Settings database(String name) {
            return new Settings(dataDir, port, name, ephemeral, durable);
        }

        public Settings port(int number) {
            return new Settings(dataDir, number, database, ephemeral, durable);
        }

        public Settings throwAway() {
            return new Settings(dataDir, port, database, true, durable);
        }

        /** Without fsync: a crash may lose or corrupt anything. For tests' throw-away data only. */
        public Settings withoutDurability() {
            return new Settings(dataDir, port, database, ephemeral, false);
        }
    }

    private final Settings settings;
    private final PostgresBinaries binaries;
    private final Path pgData;
    private final int port;
    private final DatabasePasswords passwords;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread watchdog;
    private volatile boolean closing;

    private EmbeddedPostgres(
            Settings settings,
            PostgresBinaries binaries,
            int port,
            DatabasePasswords passwords,
            FileChannel lockChannel,
            FileLock lock) {
        this.settings = settings;
        this.binaries = binaries;
        this.pgData = pgData(settings.dataDir());
        this.port = port;
        this.passwords = passwords;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.watchdog = Thread.ofVirtual().name("postgres-watchdog").unstarted(this::watch);
    }

    public static EmbeddedPostgres start(Path dataDir, int port, String database, boolean ephemeral) {
        return start(new Settings(dataDir, port, database, ephemeral, true));
    }

    public static EmbeddedPostgres start(Settings settings) {
        var dataDir = settings.dataDir();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(
                    dataDir.resolve("followthrough.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("Another Followthrough is using the data directory "
                        + dataDir.toAbsolutePath() + "; stop it, or point FOLLOWTHROUGH_DATA_DIR elsewhere.");
            }
            var pgData = pgData(dataDir);
            Postmaster.stopOrphaned(pgData);
            if (settings.ephemeral()) {
                PostgresBinaries.deleteRecursively(pgData);
            }
            var binaries = PostgresBinaries.unpacked();
            var passwordFile = passwordFile(dataDir);
            var kept = DatabasePasswords.read(passwordFile);
            var passwords = kept.orElseGet(DatabasePasswords::generate);
            if (!Files.exists(pgData.resolve("PG_VERSION"))) {
                PostgresBinaries.deleteRecursively(pgData);
                passwords.write(passwordFile);
                initdb(binaries, pgData, passwords);
            } else if (kept.isEmpty()) {
                // Data from an older version of the app (which trusted every local connection) or a
                // lost password file: the superuser gets a new password without the server listening.
                log.warn("Setting new passwords on the embedded PostgreSQL in {}", pgData);
                passwords.write(passwordFile);
                setSuperuserPassword(binaries, pgData, passwords.superuser());
            }
            writeAccessRules(pgData);
            int port = settings.port() > 0 ? settings.port() : Postmaster.freePort();
            var postgres = new EmbeddedPostgres(settings, binaries, port, passwords, lockChannel, lock);
            postgres.startServer();
            postgres.prepareAppRole();
            postgres.watchdog.start();
            log.info(
                    "Embedded PostgreSQL is running on port {} with its data in {}{}",
                    port,
                    pgData,
                    settings.durable() ? "" : " (not durable: for tests only)");
            return postgres;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** Where PostgreSQL keeps its files inside an app data directory. */
    static Path pgData(Path dataDir) {
        return dataDir.resolve("postgres").toAbsolutePath();
    }

    static Path passwordFile(Path dataDir) {
        return dataDir.resolve("pgpass").toAbsolutePath();
    }

    /** The app's connection: its own role, which owns the database but is no superuser. */
    public String jdbcUrl() {
        return jdbcUrl(settings.database());
    }

    public String username() {
        return DatabasePasswords.APP;
    }

    public String password() {
        return passwords.app();
    }

    public int port() {
        return port;
    }

    public boolean durable() {
        return settings.durable();
    }

    /** A connection as the superuser, for maintenance the app's own role may not do. */
    Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), DatabasePasswords.SUPERUSER, passwords.superuser());
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private static void initdb(PostgresBinaries binaries, Path pgData, DatabasePasswords passwords) throws IOException {
        var passwordFile = Files.createTempFile(
                "followthrough-initdb",
                ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, passwords.superuser() + "\n");
            Postmaster.run(
                    binaries.command(
                            "initdb",
                            List.of(
                                    "-D",
                                    pgData.toString(),
                                    "-U",
                                    DatabasePasswords.SUPERUSER,
                                    "--pwfile=" + passwordFile,
                                    "--auth=scram-sha-256",
                                    "-E",
                                    "UTF-8")),
                    Duration.ofMinutes(2),
                    null);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /** PostgreSQL's single-user mode: no port, no socket, so nobody else is in while it runs. */
    private static void setSuperuserPassword(PostgresBinaries binaries, Path pgData, String password)
            throws IOException {
        Postmaster.run(
                binaries.command("postgres", List.of("--single", "-D", pgData.toString(), DatabasePasswords.SUPERUSER)),
                Duration.ofMinutes(5),
                "alter role " + DatabasePasswords.SUPERUSER + " with password '" + password + "';\n");
    }

    /** Loopback with SCRAM passwords, nothing else: no trust, no Unix socket, no other host. */
    private static void writeAccessRules(Path pgData) throws IOException {
        Files.writeString(pgData.resolve("pg_hba.conf"), """
                # Written by Followthrough on every start: connections from this machine with a password only.
                # TYPE  DATABASE  USER  ADDRESS       METHOD
                host    all       all   127.0.0.1/32  scram-sha-256
                host    all       all   ::1/128       scram-sha-256
                """);
    }

    private void startServer() throws IOException {
        var onOff = settings.durable() ? "on" : "off";
        var options = new ArrayList<>(List.of(
                "-p " + port,
                "-c listen_addresses=localhost",
                "-c unix_socket_directories=''",
                "-c password_encryption=scram-sha-256",
                // On the command line, so that no ALTER SYSTEM can quietly turn durability off.
                "-c fsync=" + onOff,
                "-c synchronous_commit=" + onOff,
                "-c full_page_writes=" + onOff,
                "-c max_connections=200",
                "-c shared_buffers=256MB",
                "-c timezone=UTC",
                // Statistics follow a young desk's tables within seconds, not a minute: a mailbox
                // with thousands of unseen messages otherwise runs on plans made for empty tables.
                "-c autovacuum_naptime=10s",
                // A week of server logs inside the data directory, one file a day.
                "-c logging_collector=on",
                "-c log_directory=log",
                "-c log_filename=postgresql-%a.log",
                "-c log_truncate_on_rotation=on",
                "-c log_rotation_age=1d",
                "-c log_rotation_size=0"));
        Postmaster.run(
                binaries.command(
                        "pg_ctl",
                        List.of(
                                "-D",
                                pgData.toString(),
                                "-l",
                                settings.dataDir()
                                        .resolve("postgres-start.log")
                                        .toAbsolutePath()
                                        .toString(),
                                "-o",
                                String.join(" ", options),
                                "-w",
                                "-t",
                                "120",
                                "start")),
                Duration.ofMinutes(3),
                null);
    }

    /**
     * The app's role and its database, made on the first start; the password follows the file. A
     * database made by an older version of the app belonged to the superuser: it and everything in
     * it are handed to the app's role.
     */
    private void prepareAppRole() {
        var app = DatabasePasswords.APP;
        try (var admin = superuserConnection("postgres");
                var s = admin.createStatement()) {
            try (var rows = s.executeQuery("select 1 from pg_roles where rolname = '" + app + "'")) {
                if (!rows.next()) {
                    s.execute("create role " + app + " login nosuperuser nocreaterole nocreatedb");
                }
            }
            s.execute("alter role " + app + " with login nosuperuser password '" + passwords.app() + "'");
            var database = settings.database().replace("\"", "");
            boolean exists;
            try (var rows =
                    s.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "''") + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                s.execute("create database \"" + database + "\" owner " + app);
            } else {
                s.execute("alter database \"" + database + "\" owner to " + app);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the database " + settings.database(), e);
        }
        try (var admin = superuserConnection(settings.database());
                var s = admin.createStatement()) {
            s.execute(OWN_EVERYTHING.replace("{app}", app));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hand the database " + settings.database() + " to " + app, e);
        }
    }

    private static final String OWN_EVERYTHING = """
            do $$
            declare
                r record;
            begin
                execute 'alter schema public owner to {app}';
                for r in
                    select c.oid::regclass as name, c.relkind from pg_class c
                    join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
                      and pg_get_userbyid(c.relowner) <> '{app}'
                loop
                    execute format('alter %s %s owner to {app}',
                        case r.relkind when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, r.name);
                end loop;
                for r in
                    select c.oid::regclass as name from pg_class c
                    join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind = 'S' and pg_get_userbyid(c.relowner) <> '{app}'
                      and not exists (select 1 from pg_depend d
                                      where d.objid = c.oid and d.classid = 'pg_class'::regclass
                                        and d.deptype in ('a', 'i'))
                loop
                    execute format('alter sequence %s owner to {app}', r.name);
                end loop;
                for r in
                    select p.oid::regprocedure as name from pg_proc p
                    join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> '{app}'
                      and not exists (select 1 from pg_depend d
                                      where d.objid = p.oid and d.classid = 'pg_proc'::regclass and d.deptype = 'e')
                loop
                    execute format('alter routine %s owner to {app}', r.name);
                end loop;
                for r in
                    select t.oid::regtype as name from pg_type t
                    join pg_namespace n on n.oid = t.typnamespace
                    where n.nspname = 'public' and t.typtype in ('e', 'd', 'c') and pg_get_userbyid(t.typowner) <> '{app}'
                      and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c')
                      and not exists (select 1 from pg_depend d
                                      where d.objid = t.oid and d.classid = 'pg_type'::regclass and d.deptype = 'e')
                loop
                    execute format('alter type %s owner to {app}', r.name);
                end loop;
            end
            $$""";

    /** Starts the postmaster again if it died under the app: kill -9, the OOM killer, a crash. */
    private void watch() {
        boolean down = false;
        while (!closing) {
            try {
                Thread.sleep(WATCH_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            if (closing || postmaster().map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            if (!down) {
                log.error("The embedded PostgreSQL stopped while the app was running; starting it again");
                down = true;
            }
            try {
                startServer();
                down = false;
                log.warn("The embedded PostgreSQL is running again on port {}", port);
            } catch (IOException | RuntimeException e) {
                // Its old processes may still hold shared memory for a moment; the next turn retries.
                log.warn("The embedded PostgreSQL could not start again yet, retrying: {}", e.getMessage());
            }
        }
    }

    private Optional<ProcessHandle> postmaster() {
        return Postmaster.running(pgData);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the lock goes with the channel.
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        watchdog.interrupt();
        try {
            Postmaster.run(
                    binaries.command(
                            "pg_ctl", List.of("-D", pgData.toString(), "-m", "fast", "-w", "-t", "60", "stop")),
                    Duration.ofSeconds(90),
                    null);
        } catch (IOException e) {
            log.error("Could not stop the embedded PostgreSQL cleanly", e);
        } finally {
            try {
                if (settings.ephemeral()) {
                    PostgresBinaries.deleteRecursively(pgData);
                }
            } finally {
                lock.release();
                lockChannel.close();
            }
        }
    }
}
