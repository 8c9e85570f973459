package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.followthrough.FollowthroughApplication;
import org.followthrough.platform.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The first admin's configured password is held to the same policy as every other. */
class FirstAdminPasswordIntegrationTests {

    @TempDir
    Path serverData;

    @TempDir
    Path appDataDir;

    @Test
    void aWeakBootstrapPasswordStopsTheStartWithTheReason() throws Exception {
        try (var database = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(serverData)
                .database("desk")
                .throwAway()
                .withoutDurability())) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(FollowthroughApplication.class)
                            .run(
                                    "--spring.datasource.url=" + database.jdbcUrl(),
                                    "--spring.datasource.username=" + database.username(),
                                    "--spring.datasource.password=" + database.password(),
                                    "--followthrough.database.accept-data-loss=true",
                                    "--followthrough.data-dir=" + appDataDir,
                                    "--followthrough.bootstrap.admin-email=admin@desk.example",
                                    "--followthrough.bootstrap.admin-password=1234567890",
                                    "--server.port=0",
                                    "--logging.level.root=off"))
                    .rootCause()
                    .hasMessageContaining("FOLLOWTHROUGH_ADMIN_PASSWORD")
                    .hasMessageContaining("password must have at least 12 characters");
        }
    }
}
