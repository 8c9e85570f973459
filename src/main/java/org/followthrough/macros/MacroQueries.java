package org.followthrough.macros;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The macros an agent may use or manage, for the composer's picker, the macro pages and the API. */
@Service
public class MacroQueries {

    private static final String SELECT = """
            select m.*, sw.name as shared_with_name, st.name as moves_to_name
            from macro m
            left join team_summary sw on sw.id = m.shared_with_team_id
            left join team_summary st on st.id = m.set_team_id
            """;

    private final JdbcClient db;
    private final AgentQueries agents;

    MacroQueries(JdbcClient db, AgentQueries agents) {
        this.db = db;
        this.agents = agents;
    }

    public Optional<MacroView> find(MacroId id) {
        return db.sql(SELECT + " where m.id = ?")
                .param(id.value())
                .query(MacroQueries::view)
                .optional();
    }

    /**
     * The active macros {@code agent} may use, filtered by words in their title or text, most used
     * first: their own, and the shared ones for everyone or for a team they are in.
     */
    public List<MacroView> available(AgentId agent, String query, int limit) {
        var words = query == null ? "" : query.strip();
        return db.sql(SELECT + """
                         where m.archived_at is null
                           and (m.owner_id = ? or (m.scope = 'SHARED' and (m.shared_with_team_id is null or m.shared_with_team_id = any(?))))
                           and (? = '' or m.title ilike ? or m.body ilike ?)
                         order by m.used_count desc, lower(m.title), m.id
                         limit ?""")
                .params(
                        agent.value(),
                        teamsOf(agent),
                        words,
                        "%" + Sql.likeEscaped(words) + "%",
                        "%" + Sql.likeEscaped(words) + "%",
                        limit)
                .query(MacroQueries::view)
                .list();
    }

    /** True when {@code agent} may use the macro: their own, or shared with everyone or a team of theirs. */
    public boolean usableBy(MacroView macro, AgentId agent) {
        if (macro.scope() == MacroScope.PERSONAL) {
            return agent.equals(macro.ownerId());
        }
        return macro.sharedWith() == null
                || agents.teamsOf(agent).stream()
                        .map(TeamView::id)
                        .anyMatch(macro.sharedWith().id()::equals);
    }

    /**
     * The macros on the management page: the viewer's own, and the shared ones — all of them for
     * supervisors and admins, who maintain them, the ones the viewer may use for agents.
     */
    public List<MacroView> manageable(SignedInAgent viewer, boolean archived) {
        boolean maintainsShared = viewer.isAtLeast(Role.SUPERVISOR);
        return db.sql(SELECT + """
                         where (m.archived_at is not null) = ?
                           and (m.owner_id = ? or (m.scope = 'SHARED'
                                and (? or m.shared_with_team_id is null or m.shared_with_team_id = any(?))))
                         order by m.scope, lower(m.title), m.id""")
                .params(archived, viewer.id().value(), maintainsShared, teamsOf(viewer.id()))
                .query(MacroQueries::view)
                .list();
    }

    private UUID[] teamsOf(AgentId agent) {
        return agents.teamsOf(agent).stream()
                .map(TeamView::id)
                .map(TeamId::value)
                .toArray(UUID[]::new);
    }

    private static MacroView view(ResultSet rs, int row) throws SQLException {
        var content = Macros.content(rs);
        var sharedWith = TeamId.of(Sql.uuid(rs, "shared_with_team_id"));
        var movesTo = content.actions().teamId();
        return new MacroView(
                new MacroId(Sql.uuid(rs, "id")),
                content.title(),
                content.body(),
                MacroScope.valueOf(rs.getString("scope")),
                AgentId.of(Sql.uuid(rs, "owner_id")),
                sharedWith == null ? null : new MacroView.TeamRef(sharedWith, rs.getString("shared_with_name")),
                content.actions(),
                movesTo == null ? null : new MacroView.TeamRef(movesTo, rs.getString("moves_to_name")),
                new MacroView.Usage(rs.getLong("used_count"), Sql.instant(rs, "last_used_at")),
                Sql.instant(rs, "updated_at"),
                rs.getObject("archived_at") != null);
    }
}
