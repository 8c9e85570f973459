/** Agents, teams, roles, sign-in and API tokens: who may do what. */
@Tables(
        owns = {
            "agent",
            "team",
            "team_member",
            "api_token",
            "sign_in_throttle",
            "spring_session",
            "spring_session_attributes",
            "agent_summary",
            "team_summary"
        },
        publishes = {"agent_summary", "team_summary"})
package org.followthrough.identity;

import org.followthrough.platform.Tables;
