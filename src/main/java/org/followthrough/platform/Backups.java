package org.followthrough.platform;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * Backs up the embedded database into one file and restores it into a fresh data directory.
 *
 * <p>A backup is a consistent snapshot taken while the app runs (one repeatable-read transaction),
 * written as PostgreSQL's own {@code COPY} text of every table, with the schema version it was
 * taken at, the sequences' positions and the data directory's secret key (mailbox passwords are
 * sealed with it). Restoring migrates a fresh database to exactly that schema version, loads every
 * table in one transaction, and leaves the rest of the migrations to the app's next start, so a
 * backup from an older version restores into a newer one.
 *
 * <p>The file holds everything the desk knows, the key included: it is written readable by its
 * owner alone, and should be kept as safe as the data directory itself.
 */
public final class Backups {

    private static final int FORMAT = 1;
    private static final String MANIFEST = "manifest.properties";
    private static final String SECRET_KEY = "secret.key";
    /** Signed-in sessions are not worth keeping: after a restore everyone signs in again. */
    private static final List<String> NOT_BACKED_UP =
            List.of("flyway_schema_history", "spring_session", "spring_session_attributes");

    private Backups() {}

    /** What a backup holds, as its manifest says. */
    public record Summary(String schemaVersion, Instant takenAt, Map<String, Long> rowsByTable) {}

    /**
     * Backs up the database of the app whose data directory this is: through the running app's
     * PostgreSQL if it runs, else by starting it for the length of the backup.
     */
    public static Summary backup(Path dataDir, Path file) {
        var pgData = EmbeddedPostgres.pgData(dataDir);
        var passwords = DatabasePasswords.read(EmbeddedPostgres.passwordFile(dataDir))
                .orElseThrow(() -> new IllegalStateException("No database in " + dataDir.toAbsolutePath()
                        + " (no pgpass file): start the app once, or point FOLLOWTHROUGH_DATA_DIR at its data."));
        var running = Postmaster.pid(pgData)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .flatMap(p -> Postmaster.port(pgData));
        if (running.isPresent()) {
            var url = "jdbc:postgresql://localhost:" + running.get() + "/followthrough";
            try (var db = DriverManager.getConnection(url, DatabasePasswords.APP, passwords.app())) {
                return backup(db, dataDir, file);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the running database on port " + running.get(), e);
            }
        }
        try (var postgres = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir));
                var db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            return backup(db, dataDir, file);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not back up " + dataDir.toAbsolutePath(), e);
        }
    }

    private static Summary backup(Connection db, Path dataDir, Path file) throws SQLException {
        db.setAutoCommit(false);
        db.setReadOnly(true);
        db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        var partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            var manifest = new Properties();
            var takenAt = Instant.now();
            var schemaVersion = schemaVersion(db);
            var rows = new LinkedHashMap<String, Long>();
            try (var zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                var copy = db.unwrap(PGConnection.class).getCopyAPI();
                for (var table : tables(db)) {
                    var columns = columns(db, table);
                    zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
                    long n = copy.copyOut(
                            "copy " + quote(table) + " ("
                                    + String.join(
                                            ", ",
                                            columns.stream().map(Backups::quote).toList()) + ") to stdout",
                            unclosable(zip));
                    zip.closeEntry();
                    rows.put(table, n);
                    manifest.setProperty("table." + table + ".columns", String.join(",", columns));
                    manifest.setProperty("table." + table + ".rows", Long.toString(n));
                }
                for (var sequence : sequences(db).entrySet()) {
                    manifest.setProperty("sequence." + sequence.getKey(), sequence.getValue());
                }
                var key = dataDir.resolve(SECRET_KEY);
                if (Files.exists(key)) {
                    zip.putNextEntry(new ZipEntry(SECRET_KEY));
                    Files.copy(key, zip);
                    zip.closeEntry();
                }
                manifest.setProperty("format", Integer.toString(FORMAT));
                manifest.setProperty("schema-version", schemaVersion);
                manifest.setProperty("taken-at", takenAt.toString());
                manifest.setProperty("tables", String.join(",", rows.keySet()));
                zip.putNextEntry(new ZipEntry(MANIFEST));
                manifest.store(zip, "Followthrough backup");
                zip.closeEntry();
            }
            db.rollback();
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(schemaVersion, takenAt, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the backup " + file, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Only a leftover partial file.
            }
        }
    }

    /**
     * Restores a backup into a data directory that holds no database yet: the app started on it
     * afterwards has every case, customer, promise and timer the backup had.
     */
    public static Summary restore(Path file, Path dataDir) {
        if (Files.exists(EmbeddedPostgres.pgData(dataDir).resolve("PG_VERSION"))) {
            throw new IllegalStateException(dataDir.toAbsolutePath()
                    + " already holds a database; restore into an empty data directory, then point"
                    + " FOLLOWTHROUGH_DATA_DIR at it.");
        }
        var manifest = manifest(file);
        if (!Integer.toString(FORMAT).equals(manifest.getProperty("format"))) {
            throw new IllegalStateException(
                    file + " is not a backup this version can read (format " + manifest.getProperty("format") + ")");
        }
        var schemaVersion = manifest.getProperty("schema-version");
        var tables = List.of(manifest.getProperty("tables").split(","));
        try (var postgres = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir))) {
            Flyway.configure()
                    .dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                    .locations("classpath:db/migration")
                    .target(schemaVersion)
                    .load()
                    .migrate();
            var rows = new LinkedHashMap<String, Long>();
            try (var db = postgres.superuserConnection("followthrough")) {
                db.setAutoCommit(false);
                try (var s = db.createStatement()) {
                    // Rows go in as they were: no foreign-key order to follow, no trigger re-run.
                    s.execute("set local session_replication_role = replica");
                    s.execute("truncate "
                            + String.join(
                                    ", ", tables.stream().map(Backups::quote).toList()));
                }
                var copy = db.unwrap(PGConnection.class).getCopyAPI();
                try (var zip = new ZipInputStream(Files.newInputStream(file))) {
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        var name = entry.getName();
                        if (name.startsWith("tables/") && name.endsWith(".copy")) {
                            var table = name.substring("tables/".length(), name.length() - ".copy".length());
                            if (!tables.contains(table)) {
                                throw new IllegalStateException("The backup holds a table it does not list: " + table);
                            }
                            var columns = List.of(manifest.getProperty("table." + table + ".columns")
                                    .split(","));
                            long n = copy.copyIn(
                                    "copy " + quote(table) + " ("
                                            + String.join(
                                                    ", ",
                                                    columns.stream()
                                                            .map(Backups::quote)
                                                            .toList())
                                            + ") from stdin",
                                    zip);
                            rows.put(table, n);
                        } else if (name.equals(SECRET_KEY)) {
                            var key = dataDir.resolve(SECRET_KEY);
                            Files.deleteIfExists(key);
                            Files.createFile(
                                    key,
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                            Files.write(key, zip.readAllBytes());
                        }
                    }
                }
                for (var table : tables) {
                    var expected = Long.parseLong(manifest.getProperty("table." + table + ".rows"));
                    if (rows.getOrDefault(table, 0L) != expected) {
                        throw new IllegalStateException("The backup's " + table + " has " + rows.getOrDefault(table, 0L)
                                + " rows where its manifest says " + expected + ": the file is damaged");
                    }
                }
                try (var s = db.prepareStatement("select setval(?::regclass, ?, ?)")) {
                    for (var name : manifest.stringPropertyNames()) {
                        if (name.startsWith("sequence.")) {
                            var value = manifest.getProperty(name);
                            s.setString(1, quote(name.substring("sequence.".length())));
                            s.setLong(2, Long.parseLong(value.substring(1)));
                            s.setBoolean(3, value.charAt(0) == 'c');
                            s.execute();
                        }
                    }
                }
                db.commit();
            }
            return new Summary(schemaVersion, Instant.parse(manifest.getProperty("taken-at")), rows);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not restore " + file + " into " + dataDir.toAbsolutePath(), e);
        }
    }

    /** The manifest of a backup file, read without restoring anything. */
    public static Properties manifest(Path file) {
        try (var zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals(MANIFEST)) {
                    var manifest = new Properties();
                    manifest.load(zip);
                    return manifest;
                }
            }
            throw new IllegalStateException(file + " is not a Followthrough backup (it has no manifest)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the backup " + file, e);
        }
    }

    private static String schemaVersion(Connection db) throws SQLException {
        try (var s = db.createStatement();
                var rows =
                        s.executeQuery("select version from flyway_schema_history where success and version is not null"
                                + " order by installed_rank desc limit 1")) {
            if (!rows.next()) {
                throw new IllegalStateException("The database has no schema yet");
            }
            return rows.getString(1);
        }
    }

    private static List<String> tables(Connection db) throws SQLException {
        var tables = new ArrayList<String>();
        try (var s = db.createStatement();
                var rows = s.executeQuery(
                        "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
            while (rows.next()) {
                if (!NOT_BACKED_UP.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** The columns that hold data: generated ones are computed again on restore. */
    private static List<String> columns(Connection db, String table) throws SQLException {
        var columns = new ArrayList<String>();
        try (var s = db.prepareStatement("""
                select attname from pg_attribute
                where attrelid = ?::regclass and attnum > 0 and not attisdropped and attgenerated = ''
                order by attnum""")) {
            s.setString(1, quote(table));
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** Each sequence's position: {@code c<n>} once called (next is n+1), {@code s<n>} never called (next is n). */
    private static Map<String, String> sequences(Connection db) throws SQLException {
        var sequences = new LinkedHashMap<String, String>();
        try (var s = db.createStatement();
                var rows = s.executeQuery(
                        "select sequencename, last_value, start_value from pg_sequences where schemaname = 'public'")) {
            while (rows.next()) {
                long last = rows.getLong(2);
                sequences.put(rows.getString(1), rows.wasNull() ? "s" + rows.getLong(3) : "c" + last);
            }
        }
        return sequences;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
