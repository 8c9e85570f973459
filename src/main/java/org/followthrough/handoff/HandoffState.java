package org.followthrough.handoff;

/** An offer is open until its receiver accepts or declines it, or its sender withdraws it. */
public enum HandoffState {
    OFFERED,
    ACCEPTED,
    DECLINED,
    WITHDRAWN;

    public boolean isOpen() {
        return this == OFFERED;
    }

    public String messageKey() {
        return "handoff.state." + name();
    }
}
