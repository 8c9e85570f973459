package org.followthrough.macros;

/** Who sees a macro: the agent who wrote it, or everyone (or one team) when a supervisor shares it. */
public enum MacroScope {
    PERSONAL,
    SHARED;

    public String messageKey() {
        return "macro.scope." + name();
    }
}
