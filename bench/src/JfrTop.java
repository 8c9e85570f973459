// Followthrough benchmark: where a JFR recording's time went, as markdown. Used by bench/mail.sh --jfr.
//
//   java bench/src/JfrTop.java recording.jfr [thread-prefix]
//
// Execution samples (a thread running Java code) by thread, by layer (the first frame from the top
// that is not the JDK's decides: the PostgreSQL driver, Jakarta Mail, the app's mail parser, an app
// class, Spring, ...), inclusive shares of a few app paths, the hottest methods; and for the threads
// whose name starts with the prefix (default "mail-", the mail poller's), native-method samples too
// (a thread blocked in a socket read: waiting for PostgreSQL or the IMAP server), so that their wall
// time splits into running and waiting.

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

public class JfrTop {

    static final Map<String, String> INCLUSIVE = new LinkedHashMap<>();

    static {
        INCLUSIVE.put("mail parser (org.followthrough.email.parse)", "org.followthrough.email.parse.");
        INCLUSIVE.put("MailIngest.place (one message's transaction work)", "org.followthrough.email.inbound.MailIngest.place");
        INCLUSIVE.put("cases module (opening cases, timeline entries)", "org.followthrough.cases.");
        INCLUSIVE.put("MailStore (mail_message, raw, attachments)", "org.followthrough.email.inbound.MailStore.");
        INCLUSIVE.put("Acknowledgements (queueing)", "org.followthrough.email.outbound.Acknowledgements.");
        INCLUSIVE.put("OutboxSender (sending over SMTP)", "org.followthrough.email.outbound.OutboxSender.");
        INCLUSIVE.put("MailPoller.read (a poll: fetching, filing, flagging)", "org.followthrough.email.inbound.MailPoller.read");
        INCLUSIVE.put("transaction commit (Spring)", "org.springframework.jdbc.datasource.DataSourceTransactionManager.doCommit");
        INCLUSIVE.put("PostgreSQL JDBC driver", "org.postgresql.");
        INCLUSIVE.put("jsoup", "org.jsoup.");
        INCLUSIVE.put("Jakarta Mail / Angus", "org.eclipse.angus.");
    }

    record Sample(String type, String thread, List<String> frames) {}

    /** A thread waiting: for a socket (port), a lock or park, a sleep; with the app frame it waited in. */
    record Wait(String thread, String what, String where, Duration duration) {}

    public static void main(String[] args) throws Exception {
        var file = Path.of(args[0]);
        var prefix = args.length > 1 ? args[1] : "mail-";
        var samples = new ArrayList<Sample>();
        var waits = new ArrayList<Wait>();
        var periods = new HashMap<String, Duration>();
        var typeIds = new HashMap<Long, String>();
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        java.time.Instant start = null, end = null;
        try (var recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                var type = e.getEventType().getName();
                typeIds.putIfAbsent(e.getEventType().getId(), type);
                if (start == null || e.getStartTime().isBefore(start)) start = e.getStartTime();
                if (end == null || e.getEndTime().isAfter(end)) end = e.getEndTime();
                switch (type) {
                    case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
                        var thread = e.getThread("sampledThread");
                        var stack = e.getStackTrace();
                        if (stack == null) continue;
                        var frames = new ArrayList<String>();
                        for (RecordedFrame f : stack.getFrames()) {
                            frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                        }
                        samples.add(new Sample(type, thread == null ? "?" : thread.getJavaName(), frames));
                    }
                    case "jdk.SocketRead", "jdk.SocketWrite", "jdk.ThreadPark", "jdk.ThreadSleep", "jdk.JavaMonitorEnter",
                            "jdk.JavaMonitorWait" -> {
                        var thread = e.getThread("eventThread");
                        var name = thread == null ? "?" : thread.getJavaName();
                        if (!name.startsWith(prefix)) continue;
                        String what = switch (type) {
                            case "jdk.SocketRead" -> "socket read, port " + e.getInt("port");
                            case "jdk.SocketWrite" -> "socket write, port " + e.getInt("port");
                            case "jdk.ThreadPark" -> "park" + (e.getClass("parkedClass") == null ? ""
                                    : " on " + simpleClass(e.getClass("parkedClass").getName()));
                            case "jdk.ThreadSleep" -> "sleep";
                            default -> "monitor " + (e.getClass("monitorClass") == null ? ""
                                    : simpleClass(e.getClass("monitorClass").getName()));
                        };
                        String where = "";
                        if (e.getStackTrace() != null) {
                            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                                var m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                                if (m.startsWith("org.followthrough.")) {
                                    where = simple(m);
                                    break;
                                }
                            }
                        }
                        waits.add(new Wait(name, what, where, e.getDuration()));
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
                    }
                    case "jdk.ActiveSetting" -> {
                        if ("period".equals(e.getString("name"))) {
                            periods.put(String.valueOf(e.getLong("id")), parse(e.getString("value")));
                        }
                    }
                    default -> {}
                }
            }
        }
        Duration execPeriod = Duration.ofMillis(10), nativePeriod = Duration.ofMillis(20);
        for (var entry : typeIds.entrySet()) {
            var p = periods.get(String.valueOf(entry.getKey()));
            if (p == null) continue;
            if (entry.getValue().equals("jdk.ExecutionSample")) execPeriod = p;
            if (entry.getValue().equals("jdk.NativeMethodSample")) nativePeriod = p;
        }
        var exec = samples.stream().filter(s -> s.type().equals("jdk.ExecutionSample")).toList();
        double window = Duration.between(start, end).toMillis() / 1000.0;
        System.out.printf("Recording %.1f s; %d execution samples (every %d ms per running thread), GC: %d collections, %d ms paused in all.%n%n",
                window, exec.size(), execPeriod.toMillis(), gcCount, gcPause.toMillis());

        System.out.println("| thread (digits dropped) | execution samples | share | ≈ CPU s |");
        System.out.println("|---|---:|---:|---:|");
        for (var row : top(count(exec, s -> s.thread().replaceAll("\\d+", "#")), 10)) {
            System.out.printf("| %s | %d | %.1f%% | %.1f |%n", row.getKey(), row.getValue(), 100.0 * row.getValue() / exec.size(),
                    row.getValue() * execPeriod.toMillis() / 1000.0);
        }

        System.out.println();
        System.out.println("**All threads, running, by layer** (the first frame from the top that is not the JDK's)");
        System.out.println();
        table(count(exec, JfrTop::layer), exec.size(), 15);

        System.out.println();
        System.out.println("**All threads, running, inclusive** (samples with the path anywhere on the stack)");
        System.out.println();
        System.out.println("| path | samples | share |");
        System.out.println("|---|---:|---:|");
        for (var entry : INCLUSIVE.entrySet()) {
            long n = exec.stream().filter(s -> s.frames().stream().anyMatch(f -> f.startsWith(entry.getValue()))).count();
            System.out.printf("| %s | %d | %.1f%% |%n", entry.getKey(), n, 100.0 * n / Math.max(1, exec.size()));
        }

        System.out.println();
        System.out.println("**Hottest methods** (top frame, all threads)");
        System.out.println();
        table(count(exec, s -> s.frames().isEmpty() ? "?" : s.frames().get(0)), exec.size(), 15);

        var mailExec = exec.stream().filter(s -> s.thread().startsWith(prefix)).toList();
        var mailNative = samples.stream()
                .filter(s -> s.type().equals("jdk.NativeMethodSample") && s.thread().startsWith(prefix))
                .toList();
        if (!mailExec.isEmpty() || !mailNative.isEmpty()) {
            double running = mailExec.size() * execPeriod.toMillis() / 1000.0;
            double blocked = mailNative.size() * nativePeriod.toMillis() / 1000.0;
            System.out.println();
            System.out.printf("**The poller's threads (%s\\*): %.1f s running Java (%d samples × %d ms), %.1f s in native code such as "
                            + "socket reads (%d samples × %d ms)**, of a %.1f s recording%n%n",
                    prefix, running, mailExec.size(), execPeriod.toMillis(), blocked, mailNative.size(),
                    nativePeriod.toMillis(), window);
            var wall = new HashMap<String, Double>();
            for (var s : mailExec) wall.merge("running: " + layer(s), execPeriod.toMillis() / 1000.0, Double::sum);
            for (var s : mailNative) wall.merge("waiting: " + layer(s), nativePeriod.toMillis() / 1000.0, Double::sum);
            double total = running + blocked;
            System.out.println("| running or waiting in | ≈ s | share |");
            System.out.println("|---|---:|---:|");
            wall.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("| %s | %.1f | %.1f%% |%n", e.getKey(), e.getValue(), 100 * e.getValue() / total));
        }
        if (!waits.isEmpty()) {
            System.out.println();
            System.out.printf("**The poller's threads (%s\\*) waiting** (JFR's socket, park, sleep and monitor events above their "
                    + "thresholds; virtual threads wait unmounted, so these, not native samples, are their waits)%n%n", prefix);
            var byThread = new HashMap<String, Duration>();
            for (var w : waits) byThread.merge(w.thread(), w.duration(), Duration::plus);
            var busiest = byThread.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                    .limit(3).map(Map.Entry::getKey).toList();
            System.out.println("| thread | waiting in | at | events | total s |");
            System.out.println("|---|---|---|---:|---:|");
            for (var t : busiest) {
                var groups = new HashMap<String, Duration>();
                var counts = new HashMap<String, Integer>();
                for (var w : waits) {
                    if (!w.thread().equals(t)) continue;
                    var k = w.what() + " | " + (w.where().isEmpty() ? "" : w.where());
                    groups.merge(k, w.duration(), Duration::plus);
                    counts.merge(k, 1, Integer::sum);
                }
                groups.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(8)
                        .forEach(g -> System.out.printf("| %s | %s | %d | %.1f |%n", t, g.getKey(), counts.get(g.getKey()),
                                g.getValue().toMillis() / 1000.0));
            }
        }
    }

    static String simpleClass(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static Duration parse(String value) {
        try {
            var parts = value.trim().split(" ");
            long n = Long.parseLong(parts[0]);
            return switch (parts.length > 1 ? parts[1] : "ms") {
                case "s" -> Duration.ofSeconds(n);
                case "us" -> Duration.ofNanos(n * 1000);
                case "ns" -> Duration.ofNanos(n);
                default -> Duration.ofMillis(n);
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String layer(Sample s) {
        for (var f : s.frames()) {
            if (f.startsWith("java.") || f.startsWith("jdk.") || f.startsWith("sun.") || f.startsWith("javax.")) continue;
            if (f.startsWith("org.postgresql.")) return "PostgreSQL JDBC driver";
            if (f.startsWith("com.zaxxer.hikari.")) return "Hikari pool";
            if (f.startsWith("org.eclipse.angus.") || f.startsWith("jakarta.mail.") || f.startsWith("com.sun.mail."))
                return "Jakarta Mail / Angus (IMAP, SMTP, MIME)";
            if (f.startsWith("jakarta.activation.") || f.startsWith("org.eclipse.angus.activation")) return "Jakarta Activation";
            if (f.startsWith("org.jsoup.")) return "jsoup";
            if (f.startsWith("org.followthrough.email.parse.")) return "app: mail parser (" + simple(f) + ")";
            if (f.startsWith("org.followthrough.")) return "app: " + simple(f);
            if (f.startsWith("org.springframework.")) return "Spring";
            if (f.startsWith("tools.jackson.") || f.startsWith("com.fasterxml.")) return "Jackson";
            if (f.startsWith("ch.qos.") || f.startsWith("org.slf4j.") || f.startsWith("org.apache.logging.")) return "logging";
            if (f.startsWith("org.apache.catalina.") || f.startsWith("org.apache.tomcat.") || f.startsWith("org.apache.coyote."))
                return "Tomcat";
            var parts = f.split("\\.");
            return parts.length > 2 ? parts[0] + "." + parts[1] : f;
        }
        return s.frames().isEmpty() ? "?" : "JDK: " + simple(s.frames().get(0));
    }

    static String simple(String frame) {
        var parts = frame.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : frame;
    }

    static Map<String, Long> count(List<Sample> samples, java.util.function.Function<Sample, String> key) {
        var map = new HashMap<String, Long>();
        for (var s : samples) map.merge(key.apply(s), 1L, Long::sum);
        return map;
    }

    static List<Map.Entry<String, Long>> top(Map<String, Long> map, int n) {
        return map.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
    }

    static void table(Map<String, Long> counts, int total, int n) {
        System.out.println("| | samples | share |");
        System.out.println("|---|---:|---:|");
        for (var row : top(counts, n)) {
            System.out.printf("| %s | %d | %.1f%% |%n", row.getKey().replace("|", "/"), row.getValue(), 100.0 * row.getValue() / Math.max(1, total));
        }
    }
}
