package org.followthrough.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Eventually;

/** A live stream read as a browser's EventSource reads it, on a thread of its own; events are kept in order. */
final class EventStream implements AutoCloseable {

    record Event(String name, String data) {}

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final int status;
    private final Stream<String> lines;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private EventStream(int status, Stream<String> lines) {
        this.status = status;
        this.lines = lines;
        Thread.ofVirtual().name("test-event-stream").start(this::read);
    }

    static EventStream open(ConsoleClient client, String path) {
        var response = client.openStream(path);
        return new EventStream(response.statusCode(), response.body());
    }

    private void read() {
        var name = new StringBuilder();
        var data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name.isEmpty() ? "message" : name.toString(), data.toString()));
                    }
                    name.setLength(0);
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name.append(line.substring(6).strip());
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring(5).strip());
                }
            });
        } catch (RuntimeException e) {
            // Hung up by the test or the server.
        } finally {
            ended = true;
        }
    }

    int status() {
        return status;
    }

    boolean ended() {
        return ended;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits for an event of this name whose data matches, arriving after the first {@code skip} events. */
    Event await(String name, Predicate<String> data, int skip) {
        var found = new Event[1];
        Eventually.until(WAIT, "a '" + name + "' event on the stream; had " + events(), () -> {
            var seen = events();
            for (int i = skip; i < seen.size(); i++) {
                var event = seen.get(i);
                if (event.name().equals(name) && data.test(event.data())) {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for an event of this name whose data matches, however early it came. */
    Event await(String name, Predicate<String> data) {
        return await(name, data, 0);
    }

    /** How many events came so far: an {@link #await} from here on sees only what comes next. */
    int mark() {
        return events.size();
    }

    /** The data of the last event of this name, or null. */
    String last(String name) {
        var seen = events();
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).name().equals(name)) {
                return seen.get(i).data();
            }
        }
        return null;
    }

    @Override
    public void close() {
        lines.close();
    }
}
