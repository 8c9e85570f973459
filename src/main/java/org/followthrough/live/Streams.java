package org.followthrough.live;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.followthrough.identity.AgentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this node: one per open case page or inbox. Bounded in number, each
 * closed after {@code streamTimeout} (the browser opens a new one), and forgotten as soon as it
 * ends, fails or its page goes away. Writes happen on virtual threads of their own, so a slow
 * browser holds back no one else.
 */
final class Streams {

    private static final Logger log = LoggerFactory.getLogger(Streams.class);

    /** An open stream: whose, and for which case (none for an inbox). */
    record Stream(UUID id, AgentId agent, String name, UUID caseId, SseEmitter emitter, Instant openedAt) {

        boolean onCase(UUID caseId) {
            return caseId.equals(this.caseId);
        }
    }

    private final LiveProperties properties;
    private final Map<UUID, Stream> open = new ConcurrentHashMap<>();
    private final Map<UUID, Consumer<Stream>> whenClosed = new ConcurrentHashMap<>();
    private final ExecutorService writing = Executors.newVirtualThreadPerTaskExecutor();

    Streams(LiveProperties properties) {
        this.properties = properties;
    }

    /**
     * A new stream for this agent, on a case or (caseId null) the inbox; {@code closed} runs once
     * when it ends for any reason. Over the node's limit it is refused with 503; over the agent's,
     * their oldest stream is closed to make room.
     */
    Stream open(AgentId agent, String name, UUID caseId, Instant now, Consumer<Stream> closed) {
        if (open.size() >= properties.maxStreams()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many live streams on this node");
        }
        var theirs = open.values().stream()
                .filter(s -> s.agent().equals(agent))
                .sorted(Comparator.comparing(Stream::openedAt))
                .toList();
        for (int i = 0; i <= theirs.size() - properties.maxStreamsPerAgent(); i++) {
            close(theirs.get(i));
        }
        var emitter = new SseEmitter(properties.streamTimeout().toMillis());
        var stream = new Stream(UUID.randomUUID(), agent, name, caseId, emitter, now);
        open.put(stream.id(), stream);
        whenClosed.put(stream.id(), closed);
        emitter.onCompletion(() -> ended(stream));
        emitter.onError(e -> ended(stream));
        emitter.onTimeout(() -> close(stream));
        return stream;
    }

    /** Forgets a stream once, whichever way it ended, and tells who opened it. */
    private void ended(Stream stream) {
        if (open.remove(stream.id()) != null) {
            var closed = whenClosed.remove(stream.id());
            if (closed != null) {
                closed.accept(stream);
            }
        }
    }

    Collection<Stream> all() {
        return open.values();
    }

    List<Stream> onCase(UUID caseId) {
        return open.values().stream().filter(s -> s.onCase(caseId)).toList();
    }

    List<Stream> inboxes() {
        return open.values().stream().filter(s -> s.caseId() == null).toList();
    }

    int count() {
        return open.size();
    }

    /** Sends one event; a stream that cannot take it is closed and forgotten. */
    void send(Stream stream, String event, String data) {
        write(stream, SseEmitter.event().name(event).data(data));
    }

    /** A comment line: nothing for the page, but proxies see the stream is alive. */
    void keepAlive(Stream stream) {
        write(stream, SseEmitter.event().comment("alive"));
    }

    private void write(Stream stream, SseEmitter.SseEventBuilder event) {
        try {
            writing.execute(() -> {
                try {
                    stream.emitter().send(event);
                } catch (IOException | IllegalStateException e) {
                    log.debug("Live stream {} closed: {}", stream.id(), e.getMessage());
                    forget(stream);
                }
            });
        } catch (RejectedExecutionException e) {
            forget(stream);
        }
    }

    private void forget(Stream stream) {
        if (open.containsKey(stream.id())) {
            close(stream);
        }
    }

    /** Ends a stream at once; its page opens a new one if it is still there. */
    void close(Stream stream) {
        ended(stream);
        try {
            stream.emitter().complete();
        } catch (RuntimeException e) {
            log.debug("Closing live stream {}: {}", stream.id(), e.getMessage());
        }
    }

    /** Ends every stream, so that stopping the node waits for none of them. */
    void closeAll() {
        List.copyOf(open.values()).forEach(this::close);
    }
}
