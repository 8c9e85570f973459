package org.followthrough.platform;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Who did something: an agent, a customer or the system itself. Recorded on timeline and audit. */
public record Actor(Type type, UUID id, String name) implements Serializable {

    public enum Type {
        AGENT,
        CUSTOMER,
        SYSTEM
    }

    public static final Actor SYSTEM = new Actor(Type.SYSTEM, null, "Followthrough");

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static Actor agent(UUID id, String name) {
        return new Actor(Type.AGENT, Objects.requireNonNull(id), name);
    }

    public static Actor customer(UUID id, String name) {
        return new Actor(Type.CUSTOMER, Objects.requireNonNull(id), name);
    }
}
