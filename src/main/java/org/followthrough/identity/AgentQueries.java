package org.followthrough.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The read side of agents and teams: who there is, who is in which team. Used by every module. */
@Service
public class AgentQueries {

    private static final String AGENT_COLUMNS = "id, email, display_name, role, time_zone, active";

    private final JdbcClient db;

    AgentQueries(JdbcClient db) {
        this.db = db;
    }

    public Optional<AgentView> find(AgentId id) {
        return db.sql("select " + AGENT_COLUMNS + " from agent where id = ?")
                .param(id.value())
                .query(AgentQueries::agent)
                .optional();
    }

    public AgentView get(AgentId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Agent", id));
    }

    public Optional<AgentView> findByEmail(String email) {
        return db.sql("select " + AGENT_COLUMNS + " from agent where lower(email) = lower(?)")
                .param(email)
                .query(AgentQueries::agent)
                .optional();
    }

    public List<AgentView> all() {
        return db.sql("select " + AGENT_COLUMNS + " from agent order by active desc, display_name")
                .query(AgentQueries::agent)
                .list();
    }

    public List<AgentView> active() {
        return db.sql("select " + AGENT_COLUMNS + " from agent where active order by display_name")
                .query(AgentQueries::agent)
                .list();
    }

    /** The time zones of these agents, active or not: whose time an entry they wrote was in. */
    public Map<UUID, ZoneId> zonesOf(Collection<UUID> agents) {
        var zones = new HashMap<UUID, ZoneId>();
        if (agents.isEmpty()) {
            return zones;
        }
        db.sql("select id, time_zone from agent where id = any(?)")
                .param(agents.toArray(UUID[]::new))
                .query((rs, n) -> zones.put(rs.getObject("id", UUID.class), ZoneId.of(rs.getString("time_zone"))))
                .list();
        return zones;
    }

    public boolean none() {
        return db.sql("select not exists (select 1 from agent)")
                .query(Boolean.class)
                .single();
    }

    public List<TeamView> teams() {
        return db.sql("select id, name from team order by name")
                .query(AgentQueries::team)
                .list();
    }

    public Optional<TeamView> findTeam(TeamId id) {
        return db.sql("select id, name from team where id = ?")
                .param(id.value())
                .query(AgentQueries::team)
                .optional();
    }

    public TeamView getTeam(TeamId id) {
        return findTeam(id).orElseThrow(() -> new NotFoundException("Team", id));
    }

    public Optional<TeamView> findTeamByName(String name) {
        return db.sql("select id, name from team where lower(name) = lower(?)")
                .param(name)
                .query(AgentQueries::team)
                .optional();
    }

    public List<AgentView> membersOf(TeamId team) {
        return db.sql("select a.id, a.email, a.display_name, a.role, a.time_zone, a.active"
                        + " from agent a join team_member m on m.agent_id = a.id"
                        + " where m.team_id = ? order by a.display_name")
                .param(team.value())
                .query(AgentQueries::agent)
                .list();
    }

    public List<TeamView> teamsOf(AgentId agent) {
        return db.sql("select t.id, t.name from team t join team_member m on m.team_id = t.id"
                        + " where m.agent_id = ? order by t.name")
                .param(agent.value())
                .query(AgentQueries::team)
                .list();
    }

    public boolean isMember(AgentId agent, TeamId team) {
        return db.sql("select exists (select 1 from team_member where agent_id = ? and team_id = ?)")
                .params(agent.value(), team.value())
                .query(Boolean.class)
                .single();
    }

    private static AgentView agent(ResultSet rs, int row) throws SQLException {
        return new AgentView(
                new AgentId(Sql.uuid(rs, "id")),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getBoolean("active"));
    }

    private static TeamView team(ResultSet rs, int row) throws SQLException {
        return new TeamView(new TeamId(Sql.uuid(rs, "id")), rs.getString("name"));
    }
}
