package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.followthrough.FollowthroughApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

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
                                "--spring.datasource.username=postgres",
                                "--followthrough.data-dir=" + appDataDir,
                                "--followthrough.bootstrap.admin-password=external-password-1",
                                "--server.port=0")) {
            assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
            assertThat(appDataDir.resolve("postgres")).doesNotExist();
            var db = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    external.jdbcUrl(), "postgres", ""));
            assertThat(db.sql("select count(*) from agent where role = 'ADMIN'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
