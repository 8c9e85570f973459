package org.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.followthrough.platform.Backups;
import org.followthrough.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class BackupIntegrationTests {

    private static final String TOKEN = "ft_backup_token_0123456789abcdefgh";

    @TempDir
    Path original;

    @TempDir
    Path restored;

    @TempDir
    Path files;

    private static ConfigurableApplicationContext app(Path dataDir) {
        return new SpringApplicationBuilder(FollowthroughApplication.class)
                .run(
                        "--followthrough.data-dir=" + dataDir,
                        "--followthrough.bootstrap.admin-password=backup-password-1",
                        "--followthrough.bootstrap.api-token=" + TOKEN,
                        "--followthrough.timers.enabled=false",
                        "--server.port=0",
                        "--logging.level.root=warn");
    }

    private static ApiClient api(ConfigurableApplicationContext app) {
        return ApiClient.withToken(
                ((WebServerApplicationContext) app).getWebServer().getPort(), TOKEN);
    }

    private record Row(String id, long number, String subject, String customer) {}

    private static List<Row> cases(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class)
                .sql("""
                        select c.id::text, c.number, c.subject, p.name from support_case c
                        join customer p on p.id = c.customer_id order by c.number""")
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    @Test
    void aBackupTakenWhileTheAppRunsRestoresEveryCaseIntoAFreshDataDirectory() throws Exception {
        var file = files.resolve("desk.backup");
        List<Row> before;
        long entriesBefore;
        try (var app = app(original)) {
            for (var who : List.of("Ada Byron", "Grace Hopper", "Émile Zola")) {
                var created = api(app).post(
                                "/api/v1/cases",
                                Map.of(
                                        "customer",
                                        Map.of("name", who, "email", who.replace(' ', '.') + "@backup.example"),
                                        "subject",
                                        "Help for " + who,
                                        "body",
                                        "Tab\there, a quote \" and a backslash \\ and a line\nbreak"));
                assertThat(created.status()).isEqualTo(201);
            }
            before = cases(app);
            entriesBefore = app.getBean(JdbcClient.class)
                    .sql("select count(*) from case_entry")
                    .query(Long.class)
                    .single();

            assertThat(FollowthroughApplication.maintenance(
                            new String[] {"backup", file.toString(), "--data-dir=" + original}))
                    .isZero();
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Backups.manifest(file).getProperty("table.support_case.rows"))
                .isEqualTo("3");

        assertThat(FollowthroughApplication.maintenance(
                        new String[] {"restore", file.toString(), "--data-dir=" + restored}))
                .isZero();
        assertThat(Files.readAllBytes(restored.resolve("secret.key")))
                .as("mailbox passwords stay readable")
                .isEqualTo(Files.readAllBytes(original.resolve("secret.key")));

        try (var app = app(restored)) {
            assertThat(cases(app)).containsExactlyElementsOf(before);
            assertThat(app.getBean(JdbcClient.class)
                            .sql("select count(*) from case_entry")
                            .query(Long.class)
                            .single())
                    .isEqualTo(entriesBefore);
            assertThat(app.getBean(JdbcClient.class)
                            .sql("select body from case_entry where kind = 'INBOUND' order by created_at, id limit 1")
                            .query(String.class)
                            .single())
                    .isEqualTo("Tab\there, a quote \" and a backslash \\ and a line\nbreak");
            // The restored desk carries on: case numbers continue after the last one.
            var next = api(app).post(
                            "/api/v1/cases",
                            Map.of(
                                    "customer", Map.of("name", "Ada Byron", "email", "Ada.Byron@backup.example"),
                                    "subject", "After the restore",
                                    "body", "Still here"));
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.body().path("number").asLong())
                    .isEqualTo(before.getLast().number() + 1);
            assertThat(cases(app)).hasSize(4);
        }
    }

    @Test
    void aRestoreNeverOverwritesADataDirectoryThatHoldsADatabase() throws Exception {
        var file = files.resolve("desk.backup");
        try (var app = app(original)) {
            assertThat(FollowthroughApplication.maintenance(
                            new String[] {"backup", file.toString(), "--data-dir=" + original}))
                    .isZero();
        }
        assertThat(FollowthroughApplication.maintenance(
                        new String[] {"restore", file.toString(), "--data-dir=" + original}))
                .isEqualTo(1);
        try (var app = app(original)) {
            assertThat(app.getBean(JdbcClient.class)
                            .sql("select count(*) from agent")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
