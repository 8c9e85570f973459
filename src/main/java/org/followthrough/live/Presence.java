package org.followthrough.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who has which case open, on any node, and who is typing a reply: kept in memory on every node
 * from the signals all nodes send. Nothing here is stored; a node that starts learns who is there
 * within one heartbeat. Each entry lasts until its node says the agent left or, if the node went
 * quiet, until {@code timeout} after it last said they were there; "typing" lasts {@code
 * typingTimeout} after the last keystroke reported. Time is whatever the caller says it is.
 */
final class Presence {

    /** One agent seen by one node on one case. */
    private record Key(UUID caseId, UUID agent, UUID node) {}

    private static final class Seen {
        String name;
        Instant until;
        Instant typingUntil;

        Seen(String name) {
            this.name = name;
        }

        boolean typing() {
            return typingUntil != null;
        }
    }

    /** Someone on a case, as its viewers are shown. */
    record Person(UUID agent, String name, boolean typing) {}

    private final Duration timeout;
    private final Duration typingTimeout;
    private final Map<Key, Seen> seen = new HashMap<>();

    Presence(Duration timeout, Duration typingTimeout) {
        this.timeout = timeout;
        this.typingTimeout = typingTimeout;
    }

    /** Takes in what a node said; answers whether what the case's viewers are shown changed. */
    synchronized boolean apply(Signal signal, Instant now) {
        var before = on(signal.caseId());
        var key = new Key(signal.caseId(), signal.agent(), signal.node());
        switch (signal.kind()) {
            case HERE -> {
                var entry = seen.computeIfAbsent(key, k -> new Seen(signal.name()));
                entry.name = signal.name() == null ? entry.name : signal.name();
                entry.until = later(entry.until, now.plus(timeout));
            }
            case GONE -> seen.remove(key);
            case TYPING -> {
                var entry = seen.computeIfAbsent(key, k -> new Seen(signal.name()));
                entry.typingUntil = now.plus(typingTimeout);
                entry.until = later(entry.until, entry.typingUntil);
            }
            case IDLE ->
                seen.forEach((k, entry) -> {
                    if (k.caseId().equals(signal.caseId()) && k.agent().equals(signal.agent())) {
                        entry.typingUntil = null;
                    }
                });
            default -> {
                return false;
            }
        }
        return !before.equals(on(signal.caseId()));
    }

    /** Forgets whoever has not been announced in time and ends "typing" that ran out; answers the cases that changed. */
    synchronized Set<UUID> expire(Instant now) {
        var changed = new HashSet<UUID>();
        var gone = new ArrayList<Key>();
        seen.forEach((key, entry) -> {
            if (entry.until.isBefore(now)) {
                gone.add(key);
                changed.add(key.caseId());
            } else if (entry.typingUntil != null && entry.typingUntil.isBefore(now)) {
                entry.typingUntil = null;
                changed.add(key.caseId());
            }
        });
        gone.forEach(seen::remove);
        return changed;
    }

    /** Everyone on a case, one line per agent whichever nodes see them, by name. */
    synchronized List<Person> on(UUID caseId) {
        var people = new LinkedHashMap<UUID, Person>();
        seen.forEach((key, entry) -> {
            if (key.caseId().equals(caseId)) {
                people.merge(
                        key.agent(),
                        new Person(key.agent(), entry.name, entry.typing()),
                        (a, b) -> new Person(a.agent(), a.name(), a.typing() || b.typing()));
            }
        });
        return people.values().stream()
                .sorted(Comparator.comparing(Person::name, Comparator.nullsLast(String::compareTo))
                        .thenComparing(Person::agent))
                .toList();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
