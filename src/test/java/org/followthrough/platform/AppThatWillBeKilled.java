package org.followthrough.platform;

import java.nio.file.Path;

/**
 * Runs the embedded PostgreSQL in a JVM of its own, so a test can kill that JVM with SIGKILL the
 * way an operator's {@code kill -9} would.
 */
public final class AppThatWillBeKilled {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(Path.of(args[0])));
        System.out.println("READY");
        System.out.flush();
        // Block until killed.
        System.in.read();
    }
}
