package org.followthrough.identity;

public record Team(TeamId id, String name) {}
