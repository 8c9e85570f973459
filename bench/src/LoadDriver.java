/*
 * Followthrough load driver: a single-file Java program (run it with `java bench/src/LoadDriver.java`,
 * no build) that measures a running Followthrough over HTTP. bench/run.sh starts it; see
 * bench/README.md for what it measures and how.
 *
 * Scenarios, one after the other (--scenarios, default in this order: the reads first, so that they
 * see the generated data and not the cases the create scenario adds), each a warm-up whose samples
 * are dropped and then a measured phase of closed-loop virtual users (each sends its next request
 * as soon as the last one returns):
 *   inbox    GET  /?view=OPEN&sort=ACTIVITY            signed-in sessions, one agent per user
 *   list     GET  /api/v1/cases?limit=25 (+ cursor)    bearer token; pages 2-5 follow nextCursor
 *   search   GET  /api/v1/search?q=...                 bearer token, terms from --search-terms
 *   create   POST /api/v1/cases                        bearer token, --concurrency users (16)
 *   create-rate POST /api/v1/cases, open loop          bearer token, --create-rate arrivals per second (100)
 *   reply    POST /api/v1/cases/{id}/entries           bearer token, --concurrency users: an agent's email
 *            reply (kind reply, default channel) on one of the 200 most recently active cases
 *   reply-rate the same, open loop                     --reply-rate arrivals per second (20)
 *   mixed    open loop, --mixed-rate arrivals per second (40), each one of these by --mix weights
 *            (default list:3,search:1,create:2,page:2,promises:2):
 *              list, search, create   as above (first pages and cursor pages for list)
 *              page      a console page view as a browser makes it: GET /?view=MINE (HTML), then the
 *                        fragments htmx loads with it, GET /needs-you and GET /needs-you/count;
 *                        --read-concurrency signed-in sessions, one agent each
 *              promises  GET /api/v1/promises?state=open,renegotiated&limit=25 (soonest due first)
 *            bench/promises.sh runs it as the API traffic next to the promise timers.
 * Prints a table and writes it as Markdown to --out.
 */
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

public class LoadDriver {

    record Options(
            URI baseUrl,
            String token,
            String email,
            String password,
            String agentEmailPattern,
            Path searchTerms,
            String scale,
            Duration warmup,
            Duration duration,
            int concurrency,
            int readConcurrency,
            int createRate,
            int replyRate,
            int mixedRate,
            String mix,
            List<String> scenarios,
            Path out) {

        static Options parse(String[] args) {
            var map = new HashMap<String, String>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
                }
                map.put(args[i].substring(2), args[++i]);
            }
            Function<String, String> get = name -> {
                var value = map.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("--" + name + " is required");
                }
                return value;
            };
            return new Options(
                    URI.create(map.getOrDefault("base-url", "http://localhost:8080")),
                    get.apply("token"),
                    get.apply("email"),
                    get.apply("password"),
                    map.getOrDefault("agent-email-pattern", "agent%d@bench.followthrough.test"),
                    map.containsKey("search-terms") ? Path.of(map.get("search-terms")) : null,
                    map.getOrDefault("scale", "?"),
                    Duration.ofSeconds(Long.parseLong(map.getOrDefault("warmup", "10"))),
                    Duration.ofSeconds(Long.parseLong(map.getOrDefault("duration", "30"))),
                    Integer.parseInt(map.getOrDefault("concurrency", "16")),
                    Integer.parseInt(map.getOrDefault("read-concurrency", "4")),
                    Integer.parseInt(map.getOrDefault("create-rate", "100")),
                    Integer.parseInt(map.getOrDefault("reply-rate", "20")),
                    Integer.parseInt(map.getOrDefault("mixed-rate", "40")),
                    map.getOrDefault("mix", "list:3,search:1,create:2,page:2,promises:2"),
                    List.of(map.getOrDefault("scenarios", "inbox,list,search,create").split(",")),
                    map.containsKey("out") ? Path.of(map.get("out")) : null);
        }
    }

    /** One request's outcome: which row of the report, how long, and whether it counts as a success. */
    record Sample(String label, long nanos, int status, boolean ok) {}

    /** What one virtual user does for one request; returns the samples it took (usually one). */
    interface Step {
        List<Sample> run(int user) throws Exception;
    }

    /** Latencies and outcomes of one report row. */
    static final class Series {
        final List<long[]> chunks = new ArrayList<>();
        long[] current = new long[4096];
        int size;
        final Map<Integer, Long> failures = new TreeMap<>();

        synchronized void add(Sample s) {
            if (!s.ok()) {
                failures.merge(s.status(), 1L, Long::sum);
                return;
            }
            if (size == current.length) {
                chunks.add(current);
                current = new long[current.length];
                size = 0;
            }
            current[size++] = s.nanos();
        }

        synchronized long[] sorted() {
            int total = chunks.size() * current.length + size;
            var all = new long[total];
            int at = 0;
            for (var chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            System.arraycopy(current, 0, all, at, size);
            Arrays.sort(all);
            return all;
        }
    }

    record Row(
            String label,
            int users,
            long ok,
            Map<Integer, Long> failures,
            double seconds,
            double p50,
            double p95,
            double p99,
            double max) {

        double throughput() {
            return ok / seconds;
        }
    }

    private final Options options;
    private final HttpClient api;
    private final List<String> searchTerms;

    LoadDriver(Options options) throws IOException {
        this.options = options;
        this.api = client(null);
        this.searchTerms = options.searchTerms() != null && Files.exists(options.searchTerms())
                ? Files.readAllLines(options.searchTerms()).stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()
                : List.of("refund", "order", "thermostat", "escrow", "password reset");
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        new LoadDriver(options).run();
    }

    void run() throws Exception {
        var rows = new ArrayList<Row>();
        var notes = new ArrayList<String>();
        var started = Instant.now();
        for (var scenario : options.scenarios()) {
            switch (scenario.strip()) {
                case "create" -> rows.addAll(measure("create", options.concurrency(), createCase()));
                case "create-rate" -> rows.addAll(measureAtRate("create", options.createRate(), createCase()));
                case "reply" -> rows.addAll(measure("reply", options.concurrency(), reply()));
                case "reply-rate" -> rows.addAll(measureAtRate("reply", options.replyRate(), reply()));
                case "mixed" -> rows.addAll(measureAtRate("mixed", options.mixedRate(), mixed(notes)));
                case "inbox" -> {
                    var sessions = signIn(options.readConcurrency(), notes);
                    if (sessions.isEmpty()) {
                        notes.add("inbox: could not sign in (see above); not measured");
                    } else {
                        rows.addAll(measure("inbox", sessions.size(), inbox(sessions)));
                    }
                }
                case "list" -> rows.addAll(measure("list", options.readConcurrency(), caseList()));
                case "search" -> rows.addAll(measure("search", options.readConcurrency(), search()));
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        var report = report(rows, notes, started);
        System.out.println();
        System.out.println(report);
        if (options.out() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), report);
            System.out.println("written to " + options.out());
        }
    }

    // scenarios ---------------------------------------------------------------------------------------

    private static final String[] FIRST = {"Maria", "James", "Anna", "Wei", "Sofia", "Lukas", "Emma", "Noah", "Aisha"};
    private static final String[] LAST = {"Garcia", "Smith", "Nguyen", "Rossi", "Kowalski", "Patel", "Dubois"};
    private static final String[] TOPIC = {"order", "refund", "invoice", "delivery", "password", "subscription"};
    private static final String[] ISSUE = {"not received", "is wrong", "failed", "delayed", "question"};
    private static final AtomicLong NEW_CUSTOMERS = new AtomicLong();

    /** Half the cases come from customers seen before (an address the bench used), half from new ones. */
    private Step createCase() {
        var runId = Long.toString(System.currentTimeMillis(), 36);
        var known = new ConcurrentHashMap<Integer, String>();
        return user -> {
            var random = ThreadLocalRandom.current();
            String email;
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            if (!known.isEmpty() && random.nextBoolean()) {
                email = known.getOrDefault(random.nextInt(Math.max(1, known.size())), known.values().iterator().next());
            } else {
                long n = NEW_CUSTOMERS.incrementAndGet();
                email = "bench." + runId + "." + n + "@load.example";
                if (known.size() < 10_000) {
                    known.putIfAbsent(known.size(), email);
                }
            }
            var topic = TOPIC[random.nextInt(TOPIC.length)];
            var json = """
                    {"customer":{"name":%s,"email":%s},"subject":%s,"body":%s,"channel":"EMAIL"}"""
                    .formatted(
                            quote(name),
                            quote(email),
                            quote(Character.toUpperCase(topic.charAt(0)) + topic.substring(1) + " "
                                    + ISSUE[random.nextInt(ISSUE.length)]),
                            quote("Hello, my " + topic + " " + ISSUE[random.nextInt(ISSUE.length)]
                                    + ". Could you please look into it? Order ORD-" + random.nextInt(1_000_000, 9_999_999)
                                    + ". Thanks, " + name));
            var request = HttpRequest.newBuilder(options.baseUrl().resolve("/api/v1/cases"))
                    .header("Authorization", "Bearer " + options.token())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            return List.of(timed("POST /api/v1/cases", api, request, 201, null));
        };
    }

    private static final Pattern CASE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** Email replies on the 200 cases the API lists first (most recently active), spread at random. */
    private Step reply() throws IOException, InterruptedException {
        var ids = new ArrayList<String>();
        String cursor = null;
        while (ids.size() < 200) {
            var path = "/api/v1/cases?limit=100" + (cursor == null ? "" : "&cursor=" + encode(cursor));
            var response = send(
                    api,
                    HttpRequest.newBuilder(options.baseUrl().resolve(path))
                            .header("Authorization", "Bearer " + options.token())
                            .header("Accept", "application/json")
                            .GET()
                            .build());
            if (response == null || response.statusCode() != 200) {
                throw new IllegalStateException("could not list cases to reply on: "
                        + (response == null ? "no answer" : response.statusCode()));
            }
            var page = response.body();
            var id = CASE_ID.matcher(page);
            while (id.find() && ids.size() < 200) {
                ids.add(id.group(1));
            }
            var next = NEXT_CURSOR.matcher(page);
            if (!next.find()) {
                break;
            }
            cursor = next.group(1);
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no cases to reply on");
        }
        return user -> {
            var random = ThreadLocalRandom.current();
            var caseId = ids.get(random.nextInt(ids.size()));
            var json = """
                    {"kind":"reply","body":%s}"""
                    .formatted(quote("Thanks for waiting. We have looked into your " + TOPIC[random.nextInt(TOPIC.length)]
                            + " and will write again by tomorrow noon."));
            var request = HttpRequest.newBuilder(options.baseUrl().resolve("/api/v1/cases/" + caseId + "/entries"))
                    .header("Authorization", "Bearer " + options.token())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            return List.of(timed("POST /api/v1/cases/{id}/entries (reply)", api, request, 201, null));
        };
    }

    private Step inbox(List<HttpClient> sessions) {
        return user -> {
            var request = HttpRequest.newBuilder(options.baseUrl().resolve("/?view=OPEN&sort=ACTIVITY"))
                    .header("Accept", "text/html")
                    .GET()
                    .build();
            return List.of(timed("GET /?view=OPEN (HTML)", sessions.get(user), request, 200, "text/html"));
        };
    }

    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

    /** Each user reads page 1 and then follows nextCursor to page 5, then starts over. */
    private Step caseList() {
        var cursors = new ConcurrentHashMap<Integer, String>();
        var pages = new ConcurrentHashMap<Integer, Integer>();
        return user -> {
            var cursor = cursors.get(user);
            var path = "/api/v1/cases?limit=25" + (cursor == null ? "" : "&cursor=" + encode(cursor));
            var request = HttpRequest.newBuilder(options.baseUrl().resolve(path))
                    .header("Authorization", "Bearer " + options.token())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            long start = System.nanoTime();
            var response = send(api, request);
            long nanos = System.nanoTime() - start;
            var label = cursor == null ? "GET /api/v1/cases?limit=25" : "GET /api/v1/cases?limit=25&cursor (pages 2-5)";
            boolean ok = response != null && response.statusCode() == 200;
            int page = pages.merge(user, 1, Integer::sum);
            var next = ok ? NEXT_CURSOR.matcher(response.body()) : null;
            if (next != null && next.find() && page < 5) {
                cursors.put(user, next.group(1));
            } else {
                cursors.remove(user);
                pages.remove(user);
            }
            return List.of(new Sample(label, nanos, response == null ? -1 : response.statusCode(), ok));
        };
    }

    private Step search() {
        var next = new AtomicLong();
        return user -> {
            var term = searchTerms.get((int) (next.getAndIncrement() % searchTerms.size()));
            var request = HttpRequest.newBuilder(options.baseUrl().resolve("/api/v1/search?q=" + encode(term)))
                    .header("Authorization", "Bearer " + options.token())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            var sample = timed("GET /api/v1/search?q=", api, request, 200, null);
            return List.of(sample, new Sample("  search q=" + term, sample.nanos(), sample.status(), sample.ok()));
        };
    }

    /**
     * One of the other steps per arrival, drawn by the --mix weights ("list:3,search:1,..."). Each
     * keeps its own labels, so the report has a row per endpoint.
     */
    private Step mixed(List<String> notes) {
        var steps = new ArrayList<Step>();
        var weights = new ArrayList<Integer>();
        for (var part : options.mix().split(",")) {
            var nameWeight = part.strip().split(":");
            int weight = nameWeight.length > 1 ? Integer.parseInt(nameWeight[1].strip()) : 1;
            if (weight <= 0) {
                continue;
            }
            var step = switch (nameWeight[0].strip()) {
                case "list" -> caseList();
                case "search" -> search();
                case "create" -> createCase();
                case "promises" -> promiseList();
                case "page" -> {
                    var sessions = signIn(options.readConcurrency(), notes);
                    if (sessions.isEmpty()) {
                        notes.add("page: could not sign in (see above); left out of the mix");
                        yield null;
                    }
                    yield pageView(sessions);
                }
                default -> throw new IllegalArgumentException("unknown step in --mix: " + nameWeight[0]);
            };
            if (step != null) {
                steps.add(step);
                weights.add(weight);
            }
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        notes.add("mixed: " + options.mixedRate() + " arrivals/s in total, open loop, weights " + options.mix()
                + "; latency counts from when each arrival was due");
        return user -> {
            int pick = ThreadLocalRandom.current().nextInt(total);
            for (int i = 0; i < steps.size(); i++) {
                pick -= weights.get(i);
                if (pick < 0) {
                    return steps.get(i).run(user);
                }
            }
            throw new IllegalStateException("weights");
        };
    }

    /** A console page view: the page, then the two fragments htmx loads with it (one after the other). */
    private Step pageView(List<HttpClient> sessions) {
        return user -> {
            var session = sessions.get(user % sessions.size());
            var samples = new ArrayList<Sample>(3);
            samples.add(timed(
                    "GET /?view=MINE (HTML)",
                    session,
                    HttpRequest.newBuilder(options.baseUrl().resolve("/?view=MINE"))
                            .header("Accept", "text/html")
                            .GET()
                            .build(),
                    200,
                    "text/html"));
            samples.add(timed(
                    "GET /needs-you (HTML fragment)",
                    session,
                    HttpRequest.newBuilder(options.baseUrl().resolve("/needs-you"))
                            .header("Accept", "text/html")
                            .header("HX-Request", "true")
                            .GET()
                            .build(),
                    200,
                    "text/html"));
            samples.add(timed(
                    "GET /needs-you/count (HTML fragment)",
                    session,
                    HttpRequest.newBuilder(options.baseUrl().resolve("/needs-you/count"))
                            .header("Accept", "text/html")
                            .header("HX-Request", "true")
                            .GET()
                            .build(),
                    200,
                    "text/html"));
            return samples;
        };
    }

    private Step promiseList() {
        return user -> {
            var request = HttpRequest.newBuilder(
                            options.baseUrl().resolve("/api/v1/promises?state=open,renegotiated&limit=25"))
                    .header("Authorization", "Bearer " + options.token())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            return List.of(timed("GET /api/v1/promises?state=open,renegotiated", api, request, 200, null));
        };
    }

    // sign-in -----------------------------------------------------------------------------------------

    private static final Pattern CSRF = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    /**
     * One session per user, each a different agent: the bench admin first, then the generated agents
     * (who share the admin's password), so every user has its own session row and its own MINE view.
     */
    private List<HttpClient> signIn(int users, List<String> notes) {
        var sessions = new ArrayList<HttpClient>();
        for (int i = 0; i < users; i++) {
            var email = i == 0 ? options.email() : options.agentEmailPattern().formatted(i);
            var client = client(new CookieManager());
            var problem = signIn(client, email);
            if (problem != null && i > 0) {
                client = client(new CookieManager());
                problem = signIn(client, options.email());
            }
            if (problem != null) {
                notes.add("sign-in as " + email + " failed: " + problem);
                System.out.println("sign-in as " + email + " failed: " + problem);
                return List.of();
            }
            sessions.add(client);
        }
        return sessions;
    }

    /** GET /login for the session cookie and CSRF token, POST /login; null when signed in. */
    private String signIn(HttpClient client, String email) {
        var page = send(client, HttpRequest.newBuilder(options.baseUrl().resolve("/login")).GET().build());
        if (page == null || page.statusCode() != 200) {
            return "GET /login answered " + (page == null ? "nothing" : page.statusCode());
        }
        var csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            return "no _csrf input on /login";
        }
        var token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        var form = "username=" + encode(email) + "&password=" + encode(options.password()) + "&_csrf=" + encode(token);
        var response = send(
                client,
                HttpRequest.newBuilder(options.baseUrl().resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
        if (response == null) {
            return "POST /login failed";
        }
        var location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() / 100 != 3 || location.contains("error") || location.contains("/login")) {
            return "POST /login answered " + response.statusCode() + " " + location;
        }
        return null;
    }

    // measuring ---------------------------------------------------------------------------------------

    private List<Row> measure(String name, int users, Step step) throws InterruptedException {
        System.out.printf(
                "%-7s %d users: warm-up %ds, measuring %ds%n",
                name, users, options.warmup().toSeconds(), options.duration().toSeconds());
        run(users, step, options.warmup(), null);
        var series = new LinkedHashMap<String, Series>();
        long start = System.nanoTime();
        run(users, step, options.duration(), series);
        double seconds = (System.nanoTime() - start) / 1e9;
        return rows(series, "", users, seconds);
    }

    /**
     * Open loop: requests arrive at a fixed rate whether or not earlier ones have finished, as
     * customers' emails and integrators' calls do. Latency counts from the moment a request was due,
     * so a stalled server cannot hide its backlog (no coordinated omission).
     */
    private List<Row> measureAtRate(String name, int perSecond, Step step) throws InterruptedException {
        System.out.printf(
                "%-7s %d/s: warm-up %ds, measuring %ds%n",
                name, perSecond, options.warmup().toSeconds(), options.duration().toSeconds());
        runAtRate(perSecond, step, options.warmup(), null);
        var series = new LinkedHashMap<String, Series>();
        long start = System.nanoTime();
        runAtRate(perSecond, step, options.duration(), series);
        double seconds = (System.nanoTime() - start) / 1e9;
        return rows(series, name.equals("mixed") ? "" : " at " + perSecond + "/s (open loop)", 0, seconds);
    }

    private static List<Row> rows(Map<String, Series> series, String suffix, int users, double seconds) {
        var rows = new ArrayList<Row>();
        series.forEach((label, s) -> {
            var sorted = s.sorted();
            rows.add(new Row(
                    label + suffix,
                    users,
                    sorted.length,
                    s.failures,
                    seconds,
                    percentile(sorted, 50),
                    percentile(sorted, 95),
                    percentile(sorted, 99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6));
        });
        return rows;
    }

    private void runAtRate(int perSecond, Step step, Duration duration, Map<String, Series> series)
            throws InterruptedException {
        long interval = 1_000_000_000L / perSecond;
        long arrivals = duration.toSeconds() * perSecond;
        long start = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (long i = 0; i < arrivals; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int user = (int) (i % 1000);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    // each request's own time plus how late its arrival started (a step of several
                    // requests, a page view, times each one on its own)
                    long late = Math.max(0, System.nanoTime() - due);
                    for (var sample : step.run(user)) {
                        if (series != null) {
                            Series s;
                            synchronized (series) {
                                s = series.computeIfAbsent(sample.label(), l -> new Series());
                            }
                            s.add(new Sample(sample.label(), sample.nanos() + late, sample.status(), sample.ok()));
                        }
                    }
                } catch (Exception e) {
                    if (series != null) {
                        Series s;
                        synchronized (series) {
                            s = series.computeIfAbsent("errors (exceptions)", l -> new Series());
                        }
                        s.add(new Sample("errors (exceptions)", 0, -1, false));
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
    }

    private void run(int users, Step step, Duration duration, Map<String, Series> series)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        var threads = new ArrayList<Thread>();
        for (int u = 0; u < users; u++) {
            int user = u;
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        for (var sample : step.run(user)) {
                            if (series != null) {
                                Series s;
                                synchronized (series) {
                                    s = series.computeIfAbsent(sample.label(), l -> new Series());
                                }
                                s.add(sample);
                            }
                        }
                    } catch (Exception e) {
                        if (series != null) {
                            Series s;
                            synchronized (series) {
                                s = series.computeIfAbsent("errors (exceptions)", l -> new Series());
                            }
                            s.add(new Sample("errors (exceptions)", 0, -1, false));
                        }
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
    }

    private Sample timed(String label, HttpClient client, HttpRequest request, int expected, String contentType) {
        long start = System.nanoTime();
        var response = send(client, request);
        long nanos = System.nanoTime() - start;
        int status = response == null ? -1 : response.statusCode();
        boolean ok = status == expected
                && (contentType == null
                        || response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith(contentType));
        return new Sample(label, nanos, status, ok);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpClient client(CookieManager cookies) {
        var builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        return builder.build();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)] / 1e6;
    }

    // report ------------------------------------------------------------------------------------------

    private String report(List<Row> rows, List<String> notes, Instant started) {
        var out = new StringBuilder();
        out.append("# Followthrough load results, scale ").append(options.scale()).append("\n\n");
        out.append("- started ").append(started).append(", ").append(options.baseUrl()).append('\n');
        out.append("- ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs seen by the driver (the app and its PostgreSQL share them), Java ")
                .append(Runtime.version())
                .append('\n');
        out.append("- each scenario: warm-up ")
                .append(options.warmup().toSeconds())
                .append(" s (dropped), measured ")
                .append(options.duration().toSeconds())
                .append(" s; closed loop, users = concurrent requests\n");
        out.append("- latencies in ms of successful requests; failures by HTTP status (-1: no response)\n\n");
        out.append("| endpoint | users | requests | req/s | p50 | p95 | p99 | max | failures |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (var r : rows) {
            out.append("| ")
                    .append(r.label().startsWith("  ") ? "&nbsp;&nbsp;" + r.label().strip() : r.label())
                    .append(" | ")
                    .append(r.users())
                    .append(" | ")
                    .append(r.ok())
                    .append(" | ")
                    .append(fmt(r.throughput()))
                    .append(" | ")
                    .append(fmt(r.p50()))
                    .append(" | ")
                    .append(fmt(r.p95()))
                    .append(" | ")
                    .append(fmt(r.p99()))
                    .append(" | ")
                    .append(fmt(r.max()))
                    .append(" | ")
                    .append(r.failures().isEmpty() ? "" : r.failures().toString())
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
