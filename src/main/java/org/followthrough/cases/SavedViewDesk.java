package org.followthrough.cases;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Text;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inbox's saved views: made by name, personal or (supervisors and admins) shared, removed; audited. */
@Service
public class SavedViewDesk {

    private final SavedViews savedViews;
    private final CaseAccess access;
    private final AgentQueries agents;
    private final AuditLog audit;
    private final Clock clock;

    SavedViewDesk(SavedViews savedViews, CaseAccess access, AgentQueries agents, AuditLog audit, Clock clock) {
        this.savedViews = savedViews;
        this.access = access;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Saves a view of the inbox by name: the agent's own, or shared with everyone when a supervisor
     * or an admin says so. Names are unique among one's own views and among the shared ones.
     */
    @Transactional
    public SavedView saveView(String name, boolean shared, InboxFilters filters, Actor by) {
        var scope = access.scopeOf(by);
        var clean = Text.singleLine("name", Text.required("name", name, SavedView.MAX_NAME));
        if (shared && !scope.role().includes(Role.SUPERVISOR)) {
            throw new ForbiddenException("shared", "only supervisors and admins share views with everyone");
        }
        var f = filters == null ? InboxFilters.none() : filters;
        if (f.team() != null) {
            agents.findTeam(f.team()).orElseThrow(() -> new InvalidInputException("teamId", "is not a team"));
        }
        if (f.owner() != null) {
            agents.find(f.owner()).orElseThrow(() -> new InvalidInputException("ownerId", "is not an agent"));
        }
        if (savedViews.nameTaken(clean, scope.agent(), shared)) {
            throw new InvalidInputException(
                    "name", shared ? "is taken by another shared view" : "is taken by another of your views");
        }
        var own = shared ? savedViews.countShared() : savedViews.countOwnedBy(scope.agent());
        if (own >= SavedViews.MAX_TABS / 2) {
            throw new InvalidInputException(
                    "name", "cannot be added: " + (shared ? "there are" : "you have") + " " + own + " views already");
        }
        var view = new SavedView(Ids.newId(), clean, scope.agent(), shared, f);
        savedViews.insert(view, clock.instant());
        var after = new LinkedHashMap<String, Object>();
        after.put("name", clean);
        after.put("shared", shared);
        after.put("filters", f.toString());
        audit.record(by, "saved_view", view.id(), "created", null, after);
        return view;
    }

    /** Deletes a saved view: one's own, or a shared one as a supervisor or an admin. */
    @Transactional
    public void deleteView(UUID id, Actor by) {
        var scope = access.scopeOf(by);
        var view = savedViews
                .find(id)
                .filter(v -> v.shared() || v.createdBy().equals(scope.agent()))
                .orElseThrow(() -> new NotFoundException("Saved view", id));
        if (view.shared()
                && !view.createdBy().equals(scope.agent())
                && !scope.role().includes(Role.SUPERVISOR)) {
            throw new ForbiddenException("only supervisors and admins remove shared views");
        }
        savedViews.delete(id);
        audit.record(by, "saved_view", id, "deleted", Map.of("name", view.name(), "shared", view.shared()), null);
    }
}
