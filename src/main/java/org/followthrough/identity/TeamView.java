package org.followthrough.identity;

/** A team of agents, as pages, the API and other modules see it. */
public record TeamView(TeamId id, String name) {}
