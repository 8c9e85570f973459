/*
 * Followthrough crash driver: a single-file Java program (java bench/src/CrashDriver.java, no build)
 * that bench/crash.sh runs against an app it kills. Two commands:
 *
 *   load    --base URL --token T --requests N --concurrency C --log FILE [--tag S]
 *           C closed-loop users each open a case (POST /api/v1/cases) and reply on it
 *           (POST /api/v1/cases/{id}/entries), until N requests were sent or the app stays
 *           unreachable. Every write that got a 2xx is appended to FILE ("case ID" / "entry CASE ID")
 *           the moment its answer arrives. Prints how requests ended: 2xx, 503 (with a problem
 *           document), other statuses, connection failures, and the slowest answer.
 *   verify  --base URL --token T --log FILE
 *           Asks the restarted app for every write in FILE and prints how many are missing.
 */
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

public class CrashDriver {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> load(options);
            case "verify" -> verify(options);
            default -> {
                System.err.println("usage: CrashDriver load|verify --base URL --token T --log FILE ...");
                System.exit(2);
            }
        }
    }

    private static HttpRequest.Builder request(Map<String, String> o, String path) {
        return HttpRequest.newBuilder(URI.create(o.get("base") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + o.get("token"))
                .header("Accept", "application/json");
    }

    private static void load(Map<String, String> o) throws Exception {
        int requests = Integer.parseInt(o.getOrDefault("requests", "1000"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "8"));
        var tag = o.getOrDefault("tag", Long.toString(System.currentTimeMillis()));
        var sent = new AtomicInteger();
        var consecutiveFailures = new AtomicInteger();
        var outcomes = new ConcurrentHashMap<String, AtomicInteger>();
        var slowest = new AtomicLong();
        try (var log = Files.newBufferedWriter(
                        Path.of(o.get("log")),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                var users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < concurrency; u++) {
                int user = u;
                users.submit(() -> {
                    String openCase = null;
                    while (sent.getAndIncrement() < requests && consecutiveFailures.get() < 40) {
                        var create = openCase == null;
                        var body = create
                                ? "{\"customer\":{\"name\":\"Crash " + tag + " " + user + "\",\"email\":\"crash-" + tag
                                        + "-" + user + "@bench.example\"},\"subject\":\"Crash test " + tag
                                        + "\",\"body\":\"Written before the kill\"}"
                                : "{\"kind\":\"reply\",\"body\":\"Reply written before the kill\",\"channel\":\"phone\"}";
                        var path = create ? "/api/v1/cases" : "/api/v1/cases/" + openCase + "/entries";
                        long started = System.nanoTime();
                        try {
                            var response = http.send(
                                    request(o, path)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            slowest.accumulateAndGet(System.nanoTime() - started, Math::max);
                            consecutiveFailures.set(0);
                            int status = response.statusCode();
                            if (status / 100 == 2) {
                                var id = ID.matcher(response.body());
                                if (!id.find()) {
                                    throw new IllegalStateException("no id in " + response.body());
                                }
                                synchronized (log) {
                                    log.write(create ? "case " + id.group(1) : "entry " + openCase + " " + id.group(1));
                                    log.newLine();
                                    log.flush();
                                }
                                openCase = create ? id.group(1) : null;
                                count(outcomes, "2xx");
                            } else if (status == 503) {
                                count(
                                        outcomes,
                                        response.headers()
                                                        .firstValue("Content-Type")
                                                        .orElse("")
                                                        .startsWith("application/problem+json")
                                                ? "503 problem"
                                                : "503 other");
                            } else {
                                count(outcomes, Integer.toString(status));
                            }
                        } catch (IOException e) {
                            slowest.accumulateAndGet(System.nanoTime() - started, Math::max);
                            consecutiveFailures.incrementAndGet();
                            count(outcomes, "no answer (" + e.getClass().getSimpleName() + ")");
                            pause(250);
                        } catch (InterruptedException e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
        }
        var summary = new StringBuilder();
        outcomes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> summary.append(e.getKey()).append('=').append(e.getValue()).append(' '));
        System.out.printf("requests: %s slowest=%d ms%n", summary.toString().strip(), slowest.get() / 1_000_000);
    }

    private static void verify(Map<String, String> o) throws Exception {
        var cases = new HashSet<String>();
        var entriesByCase = new HashMap<String, java.util.List<String>>();
        for (var line : Files.readAllLines(Path.of(o.get("log")))) {
            var fields = line.split(" ");
            if (fields[0].equals("case")) {
                cases.add(fields[1]);
            } else if (fields[0].equals("entry")) {
                entriesByCase.computeIfAbsent(fields[1], k -> new java.util.ArrayList<>()).add(fields[2]);
            }
        }
        int missingCases = 0;
        int missingEntries = 0;
        int entries = 0;
        var allCases = new HashSet<>(cases);
        allCases.addAll(entriesByCase.keySet());
        for (var id : allCases) {
            var response = http.send(
                    request(o, "/api/v1/cases/" + id + "/entries").GET().build(), HttpResponse.BodyHandlers.ofString());
            var expected = entriesByCase.getOrDefault(id, java.util.List.of());
            entries += expected.size();
            if (response.statusCode() == 404) {
                missingCases += cases.contains(id) ? 1 : 0;
                missingEntries += expected.size();
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET entries of " + id + " answered " + response.statusCode());
            }
            for (var entry : expected) {
                if (!response.body().contains("\"" + entry + "\"")) {
                    missingEntries++;
                }
            }
        }
        System.out.printf(
                "acknowledged: %d cases, %d replies; missing: %d cases, %d replies%n",
                cases.size(), entries, missingCases, missingEntries);
        if (missingCases + missingEntries > 0) {
            System.exit(1);
        }
    }

    private static void count(Map<String, AtomicInteger> outcomes, String key) {
        outcomes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
