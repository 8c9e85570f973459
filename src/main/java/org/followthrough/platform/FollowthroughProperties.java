package org.followthrough.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code followthrough.*}; each has an environment variable named in
 * {@code application.yml}.
 */
@Validated
@ConfigurationProperties("followthrough")
public record FollowthroughProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @DefaultValue("http://localhost:8080") String baseUrl,
        // Seals stored mail passwords; blank means a key kept in the data directory (see SecretBox).
        @NotNull @DefaultValue("") String secretKey,
        @Valid @NotNull @DefaultValue Bootstrap bootstrap,
        @Valid @NotNull @DefaultValue EmbeddedDatabase embeddedDatabase,
        @Valid @NotNull @DefaultValue Database database) {

    /** The first admin created on an empty database. Blank values mean "generate and print once". */
    public record Bootstrap(
            @DefaultValue("admin@followthrough.local") String adminEmail,
            @DefaultValue("") String adminPassword,
            @DefaultValue("") String apiToken) {}

    /** The PostgreSQL the app starts itself when no external database URL is given. */
    public record EmbeddedDatabase(
            @DefaultValue("0") int port,
            @DefaultValue("followthrough") String database,
            // Deletes the data when the app stops: for tests.
            @DefaultValue("false") boolean ephemeral,
            // Off only for tests' throw-away databases: without fsync a crash may lose anything.
            @DefaultValue("true") boolean durable) {}

    /** Any database the app uses, embedded or not. */
    public record Database(
            // Starts even on a server that may lose confirmed writes (no fsync, or commits not waited for).
            @DefaultValue("false") boolean acceptDataLoss,
            // Connections kept apart for timers, so slow pages never hold back a reminder.
            @Min(2) @DefaultValue("6") int backgroundPoolSize) {}
}
