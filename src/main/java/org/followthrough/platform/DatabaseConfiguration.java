package org.followthrough.platform;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The app's database: the embedded PostgreSQL unless a database URL was given
 * ({@code FOLLOWTHROUGH_DB_URL} or {@code spring.datasource.url}), reached through two
 * {@link ConnectionPools pools}, and checked to keep what it confirms before anything is migrated.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    ConnectionPools dataSource(
            Environment environment,
            FollowthroughProperties properties,
            ObjectProvider<EmbeddedPostgres> embedded,
            ObjectProvider<MeterRegistry> meters) {
        var binder = Binder.get(environment);
        var url = environment.getProperty("spring.datasource.url");
        String username;
        String password;
        if (StringUtils.hasText(url)) {
            username = environment.getProperty("spring.datasource.username");
            password = environment.getProperty("spring.datasource.password");
        } else {
            var postgres = embedded.getObject();
            url = postgres.jdbcUrl();
            username = postgres.username();
            password = postgres.password();
        }
        var requests = pool(binder, url, username, password, "followthrough");
        var background = pool(binder, url, username, password, "followthrough-background");
        background.setMaximumPoolSize(properties.database().backgroundPoolSize());
        background.setMinimumIdle(Math.min(2, properties.database().backgroundPoolSize()));
        meters.ifAvailable(registry -> {
            requests.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            background.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        });
        return new ConnectionPools(requests, background);
    }

    /** The embedded server, started only when no database URL was given. */
    @Bean(destroyMethod = "close")
    @Conditional(NoDatabaseUrl.class)
    EmbeddedPostgres embeddedPostgres(FollowthroughProperties properties) {
        var settings = properties.embeddedDatabase();
        var start = EmbeddedPostgres.Settings.in(properties.dataDir())
                .port(settings.port())
                .database(settings.database());
        if (settings.ephemeral()) {
            start = start.throwAway();
        }
        if (!settings.durable()) {
            start = start.withoutDurability();
        }
        return EmbeddedPostgres.start(start);
    }

    /** Refuses a database that may lose confirmed writes before a single migration runs on it. */
    @Bean
    FlywayMigrationStrategy migrateOnlyDurableDatabases(DataSource dataSource, FollowthroughProperties properties) {
        return flyway -> {
            DurabilityCheck.verify(dataSource, properties.database().acceptDataLoss());
            flyway.migrate();
        };
    }

    static class NoDatabaseUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }

    private static HikariDataSource pool(Binder binder, String url, String username, String password, String name) {
        var pool = new HikariDataSource();
        binder.bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setPoolName(name);
        return pool;
    }
}
