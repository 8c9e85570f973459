package org.followthrough.live;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.live.Signal.Kind;
import org.followthrough.live.Streams.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What open pages are told live, the module's one facade: a case page hears of new entries on its
 * timeline and of who else has the case open or is typing a reply; an inbox hears that cases were
 * opened. Which case a person may watch is the caller's check (the case page's own).
 *
 * <p>Each node keeps its own streams and a copy of everyone's presence; signals carry the news
 * between nodes ({@link Signals}). A worker ticks every second: at each {@code heartbeat} by the
 * clock it re-announces this node's viewers and writes a keep-alive to every stream, and it forgets
 * viewers whose node stopped announcing them. Stopping the node ends every stream first, so that a
 * graceful shutdown waits for none of them.
 */
@Service
@EnableConfigurationProperties(LiveProperties.class)
public class LiveDesk implements SmartLifecycle, Signals.Receiver {

    private static final Logger log = LoggerFactory.getLogger(LiveDesk.class);
    private static final long TICK_MILLIS = 1_000;

    /** What a case page is shown of the others on its case. */
    record Others(List<String> viewing, List<String> typing) {}

    private final UUID node = UUID.randomUUID();
    private final Signals signals;
    private final Streams streams;
    private final Presence presence;
    private final LiveProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private volatile boolean running;
    private volatile Thread worker;
    private final Object beat = new Object();
    private Instant nextHeartbeat;

    LiveDesk(Signals signals, LiveProperties properties, Clock clock, JsonMapper json) {
        this.signals = signals;
        this.streams = new Streams(properties);
        this.presence = new Presence(properties.presenceTimeout(), properties.typingTimeout());
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    /**
     * A stream for an agent who has this case open: they are announced as viewing it, and hear of
     * new entries and of the others on it (at once, and whenever that changes).
     */
    public SseEmitter watchCase(CaseId caseId, SignedInAgent me) {
        refuseWhileStopped();
        var now = clock.instant();
        var stream = streams.open(me.id(), me.displayName(), caseId.value(), now, this::left);
        streams.send(stream, "presence", others(stream));
        announce(Signal.presence(Kind.HERE, node, caseId.value(), me.id().value(), me.displayName()));
        return stream.emitter();
    }

    /** A stream for an inbox: it hears that cases were opened; {@code since} is the newest case it was shown. */
    public SseEmitter watchInbox(SignedInAgent me, long since) {
        refuseWhileStopped();
        var stream = streams.open(me.id(), me.displayName(), null, clock.instant(), closed -> {});
        streams.send(stream, "since", Long.toString(since));
        return stream.emitter();
    }

    /** A node shutting down opens no new streams: the page tries again, reaching another node. */
    private void refuseWhileStopped() {
        if (!running) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "This node is stopping");
        }
    }

    /** The agent is typing a reply on this case (pages report it every few seconds while they type). */
    public void typing(CaseId caseId, SignedInAgent me) {
        announce(Signal.presence(Kind.TYPING, node, caseId.value(), me.id().value(), me.displayName()));
    }

    /** An entry was added to a case's timeline; {@code author} was typing it and no longer is. */
    void entryAdded(CaseId caseId, UUID author) {
        signals.send(Signal.entry(node, caseId.value()));
        if (author != null) {
            announce(Signal.presence(Kind.IDLE, node, caseId.value(), author, null));
        }
    }

    void caseOpened(CaseId caseId) {
        signals.send(Signal.opened(node, caseId.value()));
    }

    /** Presence this node says is taken in here at once, and sent to the other nodes. */
    private void announce(Signal signal) {
        if (presence.apply(signal, clock.instant())) {
            showPresence(signal.caseId());
        }
        signals.send(signal);
    }

    @Override
    public void received(Signal signal) {
        switch (signal.kind()) {
            case ENTRY -> streams.onCase(signal.caseId()).forEach(s -> streams.send(s, "entry", "1"));
            case OPENED -> streams.inboxes().forEach(s -> streams.send(s, "cases", "1"));
            default -> {
                // This node's own presence was taken in when it was announced.
                if (!node.equals(signal.node()) && presence.apply(signal, clock.instant())) {
                    showPresence(signal.caseId());
                }
            }
        }
    }

    @Override
    public void resumed() {
        streams.all().forEach(s -> streams.send(s, s.caseId() == null ? "cases" : "entry", "1"));
        heartbeat(clock.instant());
    }

    private void left(Stream stream) {
        boolean stillHere =
                streams.onCase(stream.caseId()).stream().anyMatch(s -> s.agent().equals(stream.agent()));
        if (!stillHere) {
            announce(Signal.presence(
                    Kind.GONE, node, stream.caseId(), stream.agent().value(), stream.name()));
        }
    }

    private void showPresence(UUID caseId) {
        streams.onCase(caseId).forEach(s -> streams.send(s, "presence", others(s)));
    }

    /** The others on the stream's case, for its page: everyone but the agent who watches. */
    private String others(Stream stream) {
        var others = presence.on(stream.caseId()).stream()
                .filter(p -> !p.agent().equals(stream.agent().value()))
                .toList();
        return json.writeValueAsString(new Others(
                others.stream()
                        .filter(p -> !p.typing())
                        .map(Presence.Person::name)
                        .toList(),
                others.stream()
                        .filter(Presence.Person::typing)
                        .map(Presence.Person::name)
                        .toList()));
    }

    /** One beat of the worker, by the clock; tests call it after moving the clock. */
    synchronized void tick() {
        var now = clock.instant();
        if (nextHeartbeat == null || !now.isBefore(nextHeartbeat)) {
            heartbeat(now);
        }
        presence.expire(now).forEach(this::showPresence);
    }

    private synchronized void heartbeat(Instant now) {
        nextHeartbeat = now.plus(properties.heartbeat());
        var announced = new HashSet<List<Object>>();
        for (var stream : streams.all()) {
            streams.keepAlive(stream);
            if (stream.caseId() != null && announced.add(List.of(stream.caseId(), stream.agent()))) {
                announce(Signal.presence(
                        Kind.HERE, node, stream.caseId(), stream.agent().value(), stream.name()));
            }
        }
    }

    /** Streams open on this node. */
    int openStreams() {
        return streams.count();
    }

    boolean listening() {
        return signals.listening();
    }

    @Override
    public void start() {
        running = true;
        signals.start(this);
        worker = Thread.ofVirtual().name("live-tick").start(this::beat);
    }

    private void beat() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("Live tick failed", e);
            }
            pause();
        }
    }

    private void pause() {
        synchronized (beat) {
            try {
                if (running) {
                    beat.wait(TICK_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Ends every stream first: pages reconnect to another node, and shutdown waits for none of them. */
    @Override
    public void stop() {
        running = false;
        streams.closeAll();
        signals.stop();
        var thread = worker;
        synchronized (beat) {
            beat.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
