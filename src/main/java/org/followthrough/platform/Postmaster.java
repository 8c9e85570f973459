package org.followthrough.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL processes behind the embedded database: found by their pid file, stopped, run to their end. */
final class Postmaster {

    private static final Logger log = LoggerFactory.getLogger(Postmaster.class);

    private Postmaster() {}

    /** The postmaster serving this data directory, if one is running. */
    static Optional<ProcessHandle> running(Path pgData) {
        return pid(pgData).flatMap(ProcessHandle::of).filter(Postmaster::isPostgres);
    }

    /** The postmaster's process id from its {@code postmaster.pid}, if the file is there. */
    static Optional<Long> pid(Path pgData) {
        try {
            var lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The port in a running postmaster's {@code postmaster.pid} (its fourth line). */
    static Optional<Integer> port(Path pgData) {
        try {
            var lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.size() < 4
                    ? Optional.empty()
                    : Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().orElse("").contains("postgres");
    }

    static void stopOrphaned(Path pgData) throws IOException {
        pid(pgData).flatMap(ProcessHandle::of).filter(Postmaster::isPostgres).ifPresent(Postmaster::stop);
        Files.deleteIfExists(pgData.resolve("postmaster.pid"));
    }

    private static void stop(ProcessHandle postmaster) {
        log.warn("Stopping PostgreSQL (pid {}) left running by an app that did not shut down", postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a PostgreSQL program to its end, with its output in the exception if it fails. */
    static void run(List<String> command, Duration timeout, String input) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            var output = new StringBuilder();
            var reader = Thread.ofVirtual().start(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // The exit code tells what went wrong.
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(command.size() - 1) + " did not finish within " + timeout);
            }
            reader.join(Duration.ofSeconds(5));
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command.subList(0, Math.min(command.size(), 3))) + " failed ("
                        + process.exitValue() + "): " + output.toString().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while running " + command.getFirst(), e);
        }
    }
}
