package org.followthrough.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.followthrough.FollowthroughApplication;
import org.followthrough.platform.EmbeddedPostgres;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * One more node of the app on a shared database, as a second machine would run it: its own data
 * directory, its own clock, timers fired only when a test says so, on a free port.
 */
public final class AppNode {

    private AppNode() {}

    /**
     * Each node has its own clock, as separate machines do. Not annotated, so that no component
     * scan finds it: only the nodes started here are given it.
     */
    static class NodeClock {

        @Bean
        @Primary
        MutableClock nodeClock(@Value("${test.node.clock-start}") String start) {
            return new MutableClock(Instant.parse(start));
        }
    }

    /** A node whose clock starts at {@code start}, with these further arguments. */
    public static ConfigurableApplicationContext start(
            EmbeddedPostgres database, Path dataDir, Instant start, String... more) {
        var args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--followthrough.data-dir=" + dataDir,
                "--followthrough.bootstrap.admin-password=two-nodes-password-1",
                "--followthrough.timers.enabled=false",
                "--test.node.clock-start=" + start));
        args.addAll(List.of(more));
        args.add("--server.port=0");
        args.add("--logging.level.root=warn");
        return new SpringApplicationBuilder(FollowthroughApplication.class, NodeClock.class)
                .run(args.toArray(String[]::new));
    }

    /** The port the node listens on. */
    public static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
