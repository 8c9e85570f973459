package org.followthrough.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code followthrough.cases.*}: which cases agents see. {@code ALL} (the default) lets every agent
 * read and work every case, as on a small desk where everyone helps everywhere; {@code TEAMS} limits
 * agents and supervisors to their teams' cases, the cases they own, cases in no team yet and cases
 * offered to them (ADR 013). Admins see every case under both.
 */
@ConfigurationProperties("followthrough.cases")
public record CaseProperties(@DefaultValue("ALL") AgentVisibility agentVisibility) {

    public enum AgentVisibility {
        ALL,
        TEAMS
    }
}
