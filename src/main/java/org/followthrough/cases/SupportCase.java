package org.followthrough.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;

/**
 * One problem of one customer. Changes only through methods that say what happens; each guards its
 * own rules and remembers what changed, for the timeline and the audit log.
 */
public final class SupportCase {

    static final int MAX_SUBJECT = 300;
    static final int MAX_TAGS = 30;

    private final CaseId id;
    private final long number;
    private String subject;
    private final CustomerId customerId;
    private TeamId teamId;
    private AgentId ownerId;
    private Priority priority;
    private CaseStatus status;
    private final Channel channel;
    private Set<String> tags;
    private final Instant createdAt;
    private Instant lastActivityAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private final List<Change> changes = new ArrayList<>();

    /** One field's change, as the timeline and the audit log record it. */
    public record Change(String field, Object before, Object after) {}

    SupportCase(
            CaseId id,
            long number,
            String subject,
            CustomerId customerId,
            TeamId teamId,
            AgentId ownerId,
            Priority priority,
            CaseStatus status,
            Channel channel,
            Set<String> tags,
            Instant createdAt,
            Instant lastActivityAt,
            Instant resolvedAt,
            Instant closedAt) {
        this.id = id;
        this.number = number;
        this.subject = subject;
        this.customerId = customerId;
        this.teamId = teamId;
        this.ownerId = ownerId;
        this.priority = priority;
        this.status = status;
        this.channel = channel;
        this.tags = tags;
        this.createdAt = createdAt;
        this.lastActivityAt = lastActivityAt;
        this.resolvedAt = resolvedAt;
        this.closedAt = closedAt;
    }

    static SupportCase open(
            CaseId id,
            String subject,
            CustomerId customer,
            TeamId team,
            AgentId owner,
            Priority priority,
            Channel channel,
            Set<String> tags,
            Instant now) {
        var status = owner == null ? CaseStatus.NEW : CaseStatus.OPEN;
        return new SupportCase(
                id,
                0,
                validSubject(subject),
                Objects.requireNonNull(customer),
                team,
                owner,
                priority == null ? Priority.NORMAL : priority,
                status,
                channel,
                validTags(tags),
                now,
                now,
                null,
                null);
    }

    /** Moves along the lifecycle; an illegal move is refused with the moves that are allowed. */
    void changeStatus(CaseStatus target, Instant now) {
        if (target == status) {
            return;
        }
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(status, target);
        }
        if (target != CaseStatus.NEW && ownerId == null) {
            throw new ConflictException("Case #" + number + " needs an owner before it can be "
                    + target.name().toLowerCase().replace('_', ' ') + "; assign it first");
        }
        changes.add(new Change("status", status, target));
        if (target == CaseStatus.RESOLVED) {
            resolvedAt = now;
        }
        if (target == CaseStatus.CLOSED) {
            closedAt = now;
        }
        if (target == CaseStatus.OPEN) {
            resolvedAt = null;
            closedAt = null;
        }
        status = target;
    }

    /** Gives the case its accountable owner. A new case is triaged by it and becomes open. */
    void assignTo(AgentId owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        if (owner.equals(ownerId)) {
            return;
        }
        changes.add(new Change("owner", ownerId, owner));
        ownerId = owner;
        if (status == CaseStatus.NEW) {
            changeStatus(CaseStatus.OPEN, now);
        }
    }

    /**
     * Makes an agent the owner without triaging: for the agent who resolves or closes a case nobody
     * owned yet (spam, a duplicate), who is then accountable for that decision.
     */
    void ownWithoutTriage(AgentId owner) {
        if (ownerId == null) {
            changes.add(new Change("owner", null, owner));
            ownerId = owner;
        }
    }

    void moveToTeam(TeamId team) {
        if (Objects.equals(team, teamId)) {
            return;
        }
        changes.add(new Change("team", teamId, team));
        teamId = team;
    }

    void prioritise(Priority target) {
        Objects.requireNonNull(target, "priority");
        if (target == priority) {
            return;
        }
        changes.add(new Change("priority", priority, target));
        priority = target;
    }

    void retag(Set<String> target) {
        var clean = validTags(target);
        if (clean.equals(tags)) {
            return;
        }
        changes.add(new Change("tags", List.copyOf(tags), List.copyOf(clean)));
        tags = clean;
    }

    void rename(String target) {
        var clean = validSubject(target);
        if (clean.equals(subject)) {
            return;
        }
        changes.add(new Change("subject", subject, clean));
        subject = clean;
    }

    /** A contact happened: the case rises in inboxes sorted by activity. */
    void touch(Instant now) {
        if (now.isAfter(lastActivityAt)) {
            lastActivityAt = now;
        }
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    void clearChanges() {
        changes.clear();
    }

    Map<String, Object> snapshot() {
        var map = new LinkedHashMap<String, Object>();
        map.put("subject", subject);
        map.put("status", status);
        map.put("priority", priority);
        map.put("owner", ownerId);
        map.put("team", teamId);
        map.put("tags", List.copyOf(tags));
        return map;
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static String validSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new InvalidInputException("subject", "must not be blank");
        }
        var clean = WHITESPACE.matcher(subject.strip()).replaceAll(" ");
        if (clean.length() > MAX_SUBJECT) {
            throw new InvalidInputException("subject", "must have at most " + MAX_SUBJECT + " characters");
        }
        return clean;
    }

    /** The one tag rule: lower case, spaces as dashes, letters, digits and - _ . : up to 40; at most 30. */
    public static Set<String> validTags(Set<String> tags) {
        var clean = new TreeSet<String>();
        if (tags == null) {
            return clean;
        }
        for (var tag : tags) {
            var t = tag == null ? "" : tag.strip().toLowerCase().replaceAll("\\s+", "-");
            if (t.isEmpty()) {
                continue;
            }
            if (!t.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,39}")) {
                throw new InvalidInputException(
                        "tags", "'" + tag + "' is not a tag: letters, digits, - _ . : and at most 40");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "must have at most " + MAX_TAGS + " entries");
        }
        return clean;
    }

    public CaseId id() {
        return id;
    }

    public long number() {
        return number;
    }

    public String subject() {
        return subject;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public TeamId teamId() {
        return teamId;
    }

    public AgentId ownerId() {
        return ownerId;
    }

    public Priority priority() {
        return priority;
    }

    public CaseStatus status() {
        return status;
    }

    public Channel channel() {
        return channel;
    }

    public Set<String> tags() {
        return Set.copyOf(tags);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
