package org.followthrough.handoff;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;

/**
 * A case offered by its owner to an agent or a team, with what the receiver needs to know. Changes
 * only through what happens to an offer (accepted, declined, withdrawn, gone unanswered, its
 * return seen), each checked against {@link HandoffState}'s transitions.
 */
public final class Handoff {

    static final int MIN_NOTE = 10;
    static final int MAX_NOTE = 5_000;

    private final HandoffId id;
    private final CaseId caseId;
    private final AgentId fromOwnerId;
    private final AgentId toAgentId;
    private final TeamId toTeamId;
    private final String note;
    private final Actor offeredBy;
    private final Instant offeredAt;
    private final Instant answerBy;
    private HandoffState state;
    private Instant unansweredAt;
    private Instant decidedAt;
    private Actor decidedBy;
    private String declineReason;
    private Instant returnedSeenAt;

    /** Everything an offer was made with; what happened to it since is set by its behaviour. */
    record Offer(
            HandoffId id,
            CaseId caseId,
            AgentId fromOwnerId,
            AgentId toAgentId,
            TeamId toTeamId,
            String note,
            Actor offeredBy,
            Instant offeredAt,
            Instant answerBy) {}

    /** What happened to an offer after it was made, as stored. */
    record Outcome(
            HandoffState state,
            Instant unansweredAt,
            Instant decidedAt,
            Actor decidedBy,
            String declineReason,
            Instant returnedSeenAt) {

        static Outcome open() {
            return new Outcome(HandoffState.OFFERED, null, null, null, null, null);
        }
    }

    Handoff(Offer offer, Outcome outcome) {
        this.id = Objects.requireNonNull(offer.id(), "id");
        this.caseId = Objects.requireNonNull(offer.caseId(), "caseId");
        this.fromOwnerId = Objects.requireNonNull(offer.fromOwnerId(), "fromOwnerId");
        this.toAgentId = offer.toAgentId();
        this.toTeamId = offer.toTeamId();
        this.note = offer.note();
        this.offeredBy = offer.offeredBy();
        this.offeredAt = offer.offeredAt();
        this.answerBy = offer.answerBy();
        this.state = Objects.requireNonNull(outcome.state(), "state");
        this.unansweredAt = outcome.unansweredAt();
        this.decidedAt = outcome.decidedAt();
        this.decidedBy = outcome.decidedBy();
        this.declineReason = outcome.declineReason();
        this.returnedSeenAt = outcome.returnedSeenAt();
    }

    /**
     * A new, open offer. It names a receiver (an agent, a team, or an agent in a team) other than the
     * owner, and a note telling them what the customer needs, what was tried and what was promised.
     */
    static Handoff offer(
            HandoffId id,
            CaseId caseId,
            AgentId owner,
            AgentId toAgent,
            TeamId toTeam,
            String note,
            Actor by,
            Instant now,
            Instant answerBy) {
        if (toAgent == null && toTeam == null) {
            throw new InvalidInputException("toAgentId", "or toTeamId is required: say who should take the case");
        }
        if (toAgent != null && toAgent.equals(owner)) {
            throw new InvalidInputException("toAgentId", "already owns the case");
        }
        return new Handoff(
                new Offer(id, caseId, owner, toAgent, toTeam, validNote(note), by, now, answerBy), Outcome.open());
    }

    static String validNote(String note) {
        var clean = note == null ? "" : note.strip();
        if (clean.length() < MIN_NOTE) {
            throw new InvalidInputException(
                    "note", "tell the receiver what the customer needs, what was tried and what was promised");
        }
        if (clean.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "must have at most " + MAX_NOTE + " characters");
        }
        return clean;
    }

    /**
     * Refuses a move the lifecycle does not allow, before anything else is checked: an offer that
     * was already answered cannot be answered again.
     */
    void requireCanBecome(HandoffState target) {
        if (!state.canBecome(target)) {
            throw new IllegalTransitionException("This offer was already " + label(state) + " and cannot be "
                    + label(target) + (state.isOpen() ? "" : " any more"));
        }
    }

    /** Whether this agent, a member of {@code teams}, is who the offer is for. */
    boolean isFor(AgentId agent, Collection<TeamId> teams) {
        return toAgentId != null ? toAgentId.equals(agent) : teams.contains(toTeamId);
    }

    /** The receiver takes the case. */
    void accept(Actor by, Instant now) {
        decide(HandoffState.ACCEPTED, by, now, null);
    }

    /** The receiver says no, and why; the offer goes back to its owner. */
    void decline(Actor by, String reason, Instant now) {
        requireCanBecome(HandoffState.DECLINED);
        var why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "say why, so the owner knows what to do next");
        }
        if (why.length() > MAX_NOTE) {
            throw new InvalidInputException("reason", "must have at most " + MAX_NOTE + " characters");
        }
        decide(HandoffState.DECLINED, by, now, why);
    }

    /** The offer is taken back before anyone answered it. */
    void withdraw(Actor by, Instant now) {
        decide(HandoffState.WITHDRAWN, by, now, null);
    }

    /**
     * Nobody answered in time. Only an open offer goes unanswered, and only once: returns false when
     * it already had.
     */
    boolean markUnanswered(Instant now) {
        if (!state.isOpen()) {
            throw new IllegalTransitionException(
                    "This offer was already " + label(state) + "; it cannot go unanswered any more");
        }
        if (unansweredAt != null) {
            return false;
        }
        unansweredAt = now;
        return true;
    }

    /** The owner has seen that their offer came back declined. */
    void returnedSeen(AgentId by, Instant now) {
        var message = "Only a declined offer can be put away, by the agent who made it";
        if (state != HandoffState.DECLINED) {
            throw new IllegalTransitionException(message);
        }
        if (!fromOwnerId.equals(by)) {
            throw new ConflictException(message);
        }
        if (returnedSeenAt == null) {
            returnedSeenAt = now;
        }
    }

    private void decide(HandoffState target, Actor by, Instant now, String reason) {
        requireCanBecome(target);
        state = target;
        decidedAt = now;
        decidedBy = by;
        declineReason = reason;
    }

    /** What the audit log keeps of an offer. */
    Map<String, Object> snapshot() {
        var map = new LinkedHashMap<String, Object>();
        map.put("case", text(caseId));
        map.put("from", text(fromOwnerId));
        map.put("toAgent", text(toAgentId));
        map.put("toTeam", text(toTeamId));
        map.put("state", text(state));
        map.put("note", note);
        map.put("answerBy", text(answerBy));
        map.put("declineReason", declineReason);
        return map;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String label(HandoffState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    public HandoffId id() {
        return id;
    }

    public CaseId caseId() {
        return caseId;
    }

    public AgentId fromOwnerId() {
        return fromOwnerId;
    }

    public AgentId toAgentId() {
        return toAgentId;
    }

    public TeamId toTeamId() {
        return toTeamId;
    }

    public String note() {
        return note;
    }

    public HandoffState state() {
        return state;
    }

    public Actor offeredBy() {
        return offeredBy;
    }

    public Instant offeredAt() {
        return offeredAt;
    }

    public Instant answerBy() {
        return answerBy;
    }

    public Instant unansweredAt() {
        return unansweredAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Actor decidedBy() {
        return decidedBy;
    }

    public String declineReason() {
        return declineReason;
    }

    public Instant returnedSeenAt() {
        return returnedSeenAt;
    }

    UUID decidedById() {
        return decidedBy == null ? null : decidedBy.id();
    }
}
