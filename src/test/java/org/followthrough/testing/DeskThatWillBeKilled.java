package org.followthrough.testing;

import org.followthrough.FollowthroughApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The whole desk in a JVM of its own, started with the arguments given, so a test can kill it with
 * SIGKILL in the middle of its work the way an operator's {@code kill -9} or a power cut would.
 */
public final class DeskThatWillBeKilled {

    public static void main(String[] args) throws Exception {
        new SpringApplicationBuilder(FollowthroughApplication.class).run(args);
        System.out.println("READY");
        System.out.flush();
        // Block until killed.
        System.in.read();
    }
}
