package org.followthrough.live;

import java.util.UUID;

/**
 * What a node tells every node, itself included, through PostgreSQL {@code NOTIFY}: that a case's
 * timeline grew, that a case was opened, or who is on a case. Never a message's text: a page that
 * hears of a new entry fetches it through the routes that check who may read it.
 *
 * @param node the node that sent it; presence is kept per node, so one closing tab does not hide
 *     the same agent's tab on another node
 * @param name the agent's display name, for "Ann is viewing"
 */
record Signal(Kind kind, UUID node, UUID caseId, UUID agent, String name) {

    enum Kind {
        /** An entry was added to the case's timeline. */
        ENTRY,
        /** A case was opened. */
        OPENED,
        /** The agent has the case open on the sending node. */
        HERE,
        /** The agent closed the case on the sending node. */
        GONE,
        /** The agent is typing a reply on the case. */
        TYPING,
        /** The agent sent their reply (or note, or call): no longer typing, wherever they typed. */
        IDLE;

        boolean presence() {
            return this != ENTRY && this != OPENED;
        }
    }

    static Signal entry(UUID node, UUID caseId) {
        return new Signal(Kind.ENTRY, node, caseId, null, null);
    }

    static Signal opened(UUID node, UUID caseId) {
        return new Signal(Kind.OPENED, node, caseId, null, null);
    }

    static Signal presence(Kind kind, UUID node, UUID caseId, UUID agent, String name) {
        return new Signal(kind, node, caseId, agent, name);
    }

    /** {@code KIND|node|case|agent|name}; the name last, as it may hold the separator. */
    String encode() {
        return kind.name() + "|" + text(node) + "|" + text(caseId) + "|" + text(agent) + "|"
                + (name == null ? "" : name);
    }

    /** The signal a payload holds; a payload of another kind or version is ignored (null). */
    static Signal decode(String payload) {
        var parts = payload.split("\\|", 5);
        if (parts.length != 5) {
            return null;
        }
        try {
            return new Signal(
                    Kind.valueOf(parts[0]),
                    uuid(parts[1]),
                    uuid(parts[2]),
                    uuid(parts[3]),
                    parts[4].isEmpty() ? null : parts[4]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(UUID id) {
        return id == null ? "" : id.toString();
    }

    private static UUID uuid(String text) {
        return text.isEmpty() ? null : UUID.fromString(text);
    }
}
