package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.followthrough.FollowthroughApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ExternalDatabaseIntegrationTests {

    @TempDir
    Path otherServerData;

    @TempDir
    Path appDataDir;

    @Test
    void aDatabaseUrlIsUsedInsteadOfStartingTheEmbeddedOne() throws Exception {
        try (var external = EmbeddedPostgres.start(otherServerData, 0, "helpdesk", true);
                var app = new SpringApplicationBuilder(FollowthroughApplication.class)
                        .run(
                                "--spring.datasource.url=" + external.jdbcUrl(),
                                "--spring.datasource.username=" + external.username(),
                                "--spring.datasource.password=" + external.password(),
                                "--followthrough.data-dir=" + appDataDir,
                                "--followthrough.bootstrap.admin-password=external-password-1",
                                "--server.port=0")) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            assertThat(appDataDir.resolve("postgres")).doesNotExist();
            var db = JdbcClient.create(
                    new DriverManagerDataSource(external.jdbcUrl(), external.username(), external.password()));
            assertThat(db.sql("select count(*) from agent where role = 'ADMIN'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void aDatabaseThatMayLoseConfirmedWritesIsRefusedBeforeAnythingIsMigrated() throws Exception {
        try (var careless = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(otherServerData)
                .database("helpdesk")
                .throwAway()
                .withoutDurability())) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(FollowthroughApplication.class)
                            .run(
                                    "--spring.datasource.url=" + careless.jdbcUrl(),
                                    "--spring.datasource.username=" + careless.username(),
                                    "--spring.datasource.password=" + careless.password(),
                                    "--followthrough.data-dir=" + appDataDir,
                                    "--server.port=0",
                                    "--logging.level.root=off"))
                    .rootCause()
                    .hasMessageContaining("fsync=off")
                    .hasMessageContaining("FOLLOWTHROUGH_DATABASE_ACCEPT_DATA_LOSS");
            var db = JdbcClient.create(
                    new DriverManagerDataSource(careless.jdbcUrl(), careless.username(), careless.password()));
            assertThat(db.sql("select count(*) from pg_tables where schemaname = 'public'")
                            .query(Integer.class)
                            .single())
                    .as("no migration ran")
                    .isZero();
        }
    }
}
