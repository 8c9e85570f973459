package org.followthrough.promise;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.followthrough.calendar.BusinessCalendar;

/**
 * How long {@link CommitmentDetector#detect} takes on a 2 KB reply. Not a test: run it by hand (see
 * docs/promise-detector.md) on a quiet machine and compare figures from the same machine only. It
 * reports wall-clock time and this thread's CPU time: on a shared machine the second is the steadier
 * figure, because it leaves out the time other processes held the core.
 */
final class CommitmentDetectorBenchmark {

    private static final int WARM_UP_CALLS = 20_000;
    private static final int MEASURED_CALLS = 10_000;
    private static final int ROUNDS = 5;

    private CommitmentDetectorBenchmark() {}

    public static void main(String[] args) throws IOException {
        String reply;
        try (var in = CommitmentDetectorBenchmark.class.getResourceAsStream("/promise/reply-2kb.txt")) {
            reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var zone = ZoneId.of("America/New_York");
        var writtenAt = LocalDateTime.parse("2026-11-23T10:15").atZone(zone).toInstant();
        var calendar = BusinessCalendar.standard(zone);
        var detector = new CommitmentDetector();

        long found = 0;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            found += detector.detect(reply, zone, writtenAt, calendar).size();
        }
        System.out.printf(
                Locale.ROOT,
                "reply: %d bytes, %d commitments; %s %s, %d processors%n",
                reply.getBytes(StandardCharsets.UTF_8).length,
                detector.detect(reply, zone, writtenAt, calendar).size(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        var threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED_CALLS; i++) {
                found += detector.detect(reply, zone, writtenAt, calendar).size();
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long elapsed = System.nanoTime() - start;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: mean %.1f µs wall-clock, %.1f µs CPU per call over %d calls%n",
                    round,
                    elapsed / 1_000.0 / MEASURED_CALLS,
                    cpu / 1_000.0 / MEASURED_CALLS,
                    MEASURED_CALLS);
        }
        if (found == 0) {
            throw new IllegalStateException("the reply should hold commitments");
        }
    }
}
