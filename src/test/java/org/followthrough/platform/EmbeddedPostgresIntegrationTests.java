package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.followthrough.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class EmbeddedPostgresIntegrationTests {

    @TempDir
    Path dataDir;

    private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (var s = c.createStatement();
                var rows = s.executeQuery("show " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Test
    void runsWithPostgresDurableDefaultsOnItsCommandLine() throws Exception {
        try (var postgres = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir));
                var c = connect(postgres)) {
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
            long pid = Postmaster.pid(EmbeddedPostgres.pgData(dataDir)).orElseThrow();
            var commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).contains("-c fsync=on").doesNotContain(" -F ");
            assertThat(DurabilityCheck.unsafeSettings(JdbcClient.create(
                            new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password()))))
                    .isEmpty();
        }
    }

    @Test
    void acceptsOnlyPasswordConnectionsAndTheAppIsNoSuperuser() throws Exception {
        try (var postgres = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir))) {
            for (var user : new String[] {"postgres", "followthrough"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), user, ""))
                        .as("%s without a password", user)
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), user, "followthrough"))
                        .as("%s with a guessed password", user)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password authentication failed");
            }
            try (var c = connect(postgres)) {
                assertThat(query(c, "select current_user")).isEqualTo("followthrough");
                assertThat(query(c, "select rolsuper::text from pg_roles where rolname = current_user"))
                        .isEqualTo("false");
                assertThat(query(
                                c,
                                "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                        .isEqualTo("followthrough");
                // What made the old default dangerous: a superuser can run programs through COPY.
                assertThatThrownBy(() -> query(c, "copy (select 1) to program 'true'"))
                        .isInstanceOf(SQLException.class);
            }
            try (var admin = postgres.superuserConnection("postgres")) {
                assertThat(show(admin, "unix_socket_directories")).isEmpty();
                assertThat(show(admin, "listen_addresses")).isEqualTo("localhost");
            }
            var hba = Files.readString(EmbeddedPostgres.pgData(dataDir).resolve("pg_hba.conf"));
            assertThat(hba.lines().filter(l -> !l.startsWith("#")))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("pgpass")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void dataFromAnOlderVersionThatTrustedEveryConnectionIsLockedAndHandedToTheApp() throws Exception {
        var pgData = EmbeddedPostgres.pgData(dataDir);
        try (var first = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir));
                var admin = first.superuserConnection("followthrough");
                var s = admin.createStatement()) {
            s.execute("create table legacy (note text); insert into legacy values ('kept')");
        }
        // What an older version left behind: a trusting pg_hba.conf and no password file.
        Files.writeString(pgData.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        Files.delete(dataDir.resolve("pgpass"));

        try (var upgraded = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir));
                var c = connect(upgraded)) {
            assertThat(query(c, "select note from legacy")).isEqualTo("kept");
            assertThat(query(c, "select pg_get_userbyid(relowner) from pg_class where relname = 'legacy'"))
                    .isEqualTo("followthrough");
            assertThatThrownBy(() -> DriverManager.getConnection(upgraded.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
            assertThat(dataDir.resolve("pgpass")).exists();
        }
    }

    @Test
    void aPostgresKilledUnderTheAppIsStartedAgainWithItsData() throws Exception {
        try (var postgres = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir))) {
            try (var c = connect(postgres);
                    var s = c.createStatement()) {
                s.execute("create table survivor (note text); insert into survivor values ('committed')");
            }
            var pgData = EmbeddedPostgres.pgData(dataDir);
            long first = Postmaster.pid(pgData).orElseThrow();
            var postmaster = ProcessHandle.of(first).orElseThrow();
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);

            Eventually.until(Duration.ofSeconds(60), "PostgreSQL answers again", () -> {
                try (var c = connect(postgres)) {
                    return "committed".equals(query(c, "select note from survivor"));
                } catch (SQLException e) {
                    return false;
                }
            });
            assertThat(Postmaster.pid(pgData)).isPresent().isNotEqualTo(Optional.of(first));
        }
    }

    @Test
    void keepsItsDataAndStartsAgainAfterTheAppWasKilledWithSigkill() throws Exception {
        try (var first = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir));
                var c = connect(first);
                var s = c.createStatement()) {
            s.execute("create table survivor (note text); insert into survivor values ('kept')");
        }

        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var app = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppThatWillBeKilled.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try (var out = new BufferedReader(new InputStreamReader(app.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("READY"));
            assertThat(line).as("the child app started its database").isEqualTo("READY");
            long postmaster = Postmaster.pid(EmbeddedPostgres.pgData(dataDir)).orElseThrow();

            app.destroyForcibly();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                    .as("PostgreSQL outlives the killed app")
                    .hasValue(true);

            try (var restarted = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir));
                    var c = connect(restarted);
                    var s = c.createStatement();
                    var rows = s.executeQuery("select note from survivor")) {
                assertThat(ProcessHandle.of(postmaster)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .isFalse();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void aSecondAppOnTheSameDataDirectoryIsRefusedWithAClearMessage() throws Exception {
        try (var first = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir))) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(dataDir)))
                    .hasMessageContaining("Another Followthrough is using the data directory");
        }
    }
}
