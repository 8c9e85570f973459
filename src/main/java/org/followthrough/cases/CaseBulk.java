package org.followthrough.cases;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.followthrough.audit.AuditLog;
import org.followthrough.identity.AgentQueries;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * The inbox's bulk changes, for {@link CaseDesk#changeMany}: one audited operation over many cases,
 * each checked and changed exactly as a single change is.
 */
@Component
class CaseBulk {

    private final CaseWrites writes;
    private final CaseAccess access;
    private final AgentQueries agents;
    private final CaseQueries queries;
    private final AuditLog audit;
    private final Clock clock;

    CaseBulk(
            CaseWrites writes,
            CaseAccess access,
            AgentQueries agents,
            CaseQueries queries,
            AuditLog audit,
            Clock clock) {
        this.writes = writes;
        this.access = access;
        this.agents = agents;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    CaseDesk.BulkResult changeMany(CaseDesk.BulkChange command, Actor by) {
        if (command.cases().isEmpty()) {
            throw new InvalidInputException("cases", "must name at least one case");
        }
        if (command.cases().size() > CaseDesk.MAX_BULK) {
            throw new InvalidInputException("cases", "must name at most " + CaseDesk.MAX_BULK + " cases");
        }
        if (command.changesNothing()) {
            throw new InvalidInputException(
                    "changes", "must change at least one of owner, status, priority, team, tags");
        }
        if (command.owner() != null) {
            writes.activeAgent(command.owner(), "ownerId");
        }
        if (command.team() != null) {
            agents.findTeam(command.team()).orElseThrow(() -> new InvalidInputException("teamId", "is not a team"));
        }
        var scope = access.scopeOf(by);
        var now = clock.instant();
        var changed = new ArrayList<CaseId>();
        var refused = new ArrayList<CaseDesk.Refusal>();
        var done = new ArrayList<Map<String, Object>>();
        for (var id : command.cases()) {
            SupportCase supportCase = null;
            try {
                supportCase = writes.lockToWork(id, scope);
                var before = supportCase.snapshot();
                Set<String> tags = null;
                if (!command.addTags().isEmpty() || !command.removeTags().isEmpty()) {
                    tags = new TreeSet<>(supportCase.tags());
                    tags.addAll(command.addTags());
                    tags.removeAll(command.removeTags());
                }
                var changes = new CaseDesk.CaseChanges(
                        null, command.status(), command.owner(), command.priority(), tags, command.team());
                boolean override = writes.apply(supportCase, changes, scope, now);
                var entry = new LinkedHashMap<String, Object>();
                entry.put("case", id.value());
                entry.put("number", supportCase.number());
                entry.put("before", before);
                writes.saveUnaudited(supportCase, by, now, override);
                entry.put("after", supportCase.snapshot());
                done.add(entry);
                changed.add(id);
            } catch (NotFoundException e) {
                refused.add(new CaseDesk.Refusal(id, null, e.getMessage()));
            } catch (ForbiddenException | ConflictException | InvalidInputException e) {
                refused.add(
                        new CaseDesk.Refusal(id, supportCase == null ? null : supportCase.number(), e.getMessage()));
            }
        }
        var bulkId = Ids.newId();
        var after = new LinkedHashMap<String, Object>();
        var asked = new LinkedHashMap<String, Object>();
        asked.put("owner", command.owner() == null ? null : command.owner().value());
        asked.put("status", command.status());
        asked.put("priority", command.priority());
        asked.put("team", command.team() == null ? null : command.team().value());
        asked.put("addTags", new TreeSet<>(command.addTags()));
        asked.put("removeTags", new TreeSet<>(command.removeTags()));
        after.put("changes", asked);
        after.put("cases", done);
        after.put(
                "refused",
                refused.stream()
                        .map(r -> Map.<String, Object>of("case", r.caseId().value(), "reason", r.reason()))
                        .toList());
        audit.record(by, "case_bulk", bulkId, "bulk_updated", null, after);
        return new CaseDesk.BulkResult(bulkId, queries.getAll(changed), List.copyOf(refused));
    }
}
