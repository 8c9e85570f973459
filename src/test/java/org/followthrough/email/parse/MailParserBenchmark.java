package org.followthrough.email.parse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long {@link MailParser#parse} takes per message over the whole corpus. Not a test: run it by
 * hand on a quiet machine ({@code java -cp <test and runtime classpath>
 * org.followthrough.email.parse.MailParserBenchmark [rounds]}) and compare figures from one machine
 * only. It reports wall-clock and this thread's CPU time per message; on a shared machine the CPU
 * figure is the steadier one.
 */
final class MailParserBenchmark {

    private static final int WARM_UP_ROUNDS = 300;
    private static final int DEFAULT_ROUNDS = 300;

    private MailParserBenchmark() {}

    public static void main(String[] args) throws IOException, URISyntaxException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        Map<String, byte[]> corpus = readableCorpus();
        MailParser parser = new MailParser(MailParser.DEFAULT_MAX_ATTACHMENT_BYTES);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (byte[] raw : corpus.values()) {
                sink += parser.parse(raw).text().length();
            }
        }

        int count = corpus.size() * rounds;
        long[] wall = new long[count];
        long[] cpu = new long[count];
        Map<String, Long> cpuByFile = new LinkedHashMap<>();
        int i = 0;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, byte[]> message : corpus.entrySet()) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                sink += parser.parse(message.getValue()).text().length();
                wall[i] = System.nanoTime() - start;
                cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
                cpuByFile.merge(message.getKey(), cpu[i], Long::sum);
                i++;
            }
        }

        long bytes = corpus.values().stream().mapToLong(raw -> raw.length).sum();
        System.out.printf(
                Locale.ROOT,
                "%d messages (%d bytes in all) x %d rounds after %d warm-up rounds; %s %s, %d processors%n",
                corpus.size(),
                bytes,
                rounds,
                WARM_UP_ROUNDS,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "wall-clock per message: %s%n", summary(wall));
        System.out.printf(Locale.ROOT, "CPU per message:        %s%n", summary(cpu));
        System.out.println("slowest messages by mean CPU:");
        cpuByFile.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(5)
                .forEach(entry -> System.out.printf(
                        Locale.ROOT, "  %-45s %8.1f µs%n", entry.getKey(), entry.getValue() / 1_000.0 / rounds));
        if (sink == 0) {
            throw new IllegalStateException("the corpus should have text");
        }
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1_000.0;
        return String.format(
                Locale.ROOT,
                "mean %.1f µs, p50 %.1f µs, p99 %.1f µs, max %.1f µs",
                mean,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1_000.0);
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000.0;
    }

    /** Every corpus file the parser accepts, by name. */
    private static Map<String, byte[]> readableCorpus() throws IOException, URISyntaxException {
        Path directory =
                Path.of(MailParserBenchmark.class.getResource("/mail/corpus").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        }
        MailParser parser = new MailParser(MailParser.DEFAULT_MAX_ATTACHMENT_BYTES);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        for (Path file : files) {
            byte[] raw = Files.readAllBytes(file);
            try {
                parser.parse(raw);
                corpus.put(file.getFileName().toString(), raw);
            } catch (UnparseableMailException e) {
                refused.add(file.getFileName().toString());
            }
        }
        System.out.println("left out as not mail: " + refused);
        return corpus;
    }
}
