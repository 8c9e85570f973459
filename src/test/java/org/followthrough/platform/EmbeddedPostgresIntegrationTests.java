package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsDataAndStartsAgainAfterTheAppWasKilledWithSigkill() throws Exception {
        try (var first = EmbeddedPostgres.start(dataDir, 0, "followthrough", false);
                var c = DriverManager.getConnection(first.jdbcUrl(), "postgres", "");
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
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                    .getFirst()
                    .strip());

            app.destroyForcibly();
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                    .as("PostgreSQL outlives the killed app")
                    .hasValue(true);

            try (var restarted = EmbeddedPostgres.start(dataDir, 0, "followthrough", false);
                    var c = DriverManager.getConnection(restarted.jdbcUrl(), "postgres", "");
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
        try (var first = EmbeddedPostgres.start(dataDir, 0, "followthrough", false)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, 0, "followthrough", false))
                    .hasMessageContaining("Another Followthrough is using the data directory");
        }
    }
}
