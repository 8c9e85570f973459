package org.followthrough.promise;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Sql;
import org.followthrough.platform.Text;

/**
 * Something an agent told a customer they would do, by when, and who answers for it. Changes only
 * through the methods that say what happens, each of which asks {@link PromiseState} whether the
 * move is allowed and refuses it with {@link IllegalTransitionException} otherwise.
 *
 * <p>A class, not a record: a promise is one thing whose state moves in place (as {@code
 * SupportCase} does), and a record would need a copy with two dozen positional components for
 * every change. It holds only the promise's own data; the names of its case, customer and owner
 * are read with it by {@link PromiseQueries} into a {@link PromiseView}.
 */
public final class Promise {

    static final int MAX_DESCRIPTION = 500;
    static final int MAX_NOTE = 2_000;

    /** The due time moved from {@code previousDueAt} to {@code dueAt}, agreed with the customer at {@code at}. */
    public record Rescheduled(Instant at, Instant previousDueAt, Instant dueAt) {}

    private final PromiseId id;
    private final CaseId caseId;
    private final CustomerId customerId;
    private TeamId teamId;
    private final String description;
    private final UUID madeInEntryId;
    private final Actor madeBy;
    private AgentId ownerId;
    private PromiseState state;
    private final Instant madeAt;
    private final Instant firstDueAt;
    private Instant dueAt;
    private Instant remindAt;
    private Instant remindedAt;
    private Instant brokenAt;
    private Instant keptAt;
    private UUID keptEntryId;
    private String keptNote;
    private Instant releasedAt;
    private String releaseNote;
    private int renegotiations;
    private Instant updatedAt;

    /** A promise as stored; {@link #make} makes a new one. */
    Promise(
            PromiseId id,
            CaseId caseId,
            CustomerId customerId,
            TeamId teamId,
            String description,
            UUID madeInEntryId,
            Actor madeBy,
            AgentId ownerId,
            PromiseState state,
            Instant madeAt,
            Instant firstDueAt,
            Instant dueAt,
            Instant remindAt,
            Instant remindedAt,
            Instant brokenAt,
            Instant keptAt,
            UUID keptEntryId,
            String keptNote,
            Instant releasedAt,
            String releaseNote,
            int renegotiations,
            Instant updatedAt) {
        this.id = id;
        this.caseId = caseId;
        this.customerId = customerId;
        this.teamId = teamId;
        this.description = description;
        this.madeInEntryId = madeInEntryId;
        this.madeBy = madeBy;
        this.ownerId = ownerId;
        this.state = state;
        this.madeAt = madeAt;
        this.firstDueAt = firstDueAt;
        this.dueAt = dueAt;
        this.remindAt = remindAt;
        this.remindedAt = remindedAt;
        this.brokenAt = brokenAt;
        this.keptAt = keptAt;
        this.keptEntryId = keptEntryId;
        this.keptNote = keptNote;
        this.releasedAt = releasedAt;
        this.releaseNote = releaseNote;
        this.renegotiations = renegotiations;
        this.updatedAt = updatedAt;
    }

    /** Where a promise is made: on which case, for which customer, answered for by which team. */
    record Made(CaseId caseId, CustomerId customerId, TeamId teamId, UUID inEntryId, Actor by) {}

    /**
     * A new open promise, due in the future. {@code remindAt} is when its owner is reminded, by the
     * team's policy, or null for no reminder.
     */
    static Promise make(
            PromiseId id, Made made, String description, AgentId owner, Instant dueAt, Instant remindAt, Instant now) {
        Objects.requireNonNull(made.caseId(), "caseId");
        Objects.requireNonNull(owner, "owner");
        var what = Text.required("description", description, MAX_DESCRIPTION);
        checkDue(dueAt, now);
        return new Promise(
                id,
                made.caseId(),
                made.customerId(),
                made.teamId(),
                what,
                made.inEntryId(),
                made.by(),
                owner,
                PromiseState.OPEN,
                now,
                dueAt,
                dueAt,
                remindAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                now);
    }

    /** Kept, with its evidence: the entry that kept it, or a note saying how (or both). */
    void keep(UUID evidenceEntry, String note, Instant now) {
        move(PromiseState.KEPT);
        var how = Text.optional("note", note, MAX_NOTE);
        if (evidenceEntry == null && how == null) {
            throw new InvalidInputException("note", "say how the promise was kept, or name the entry that kept it");
        }
        state = PromiseState.KEPT;
        keptAt = now;
        keptEntryId = evidenceEntry;
        keptNote = how;
        updatedAt = now;
    }

    /** The due time passed while it was pending. */
    void breach(Instant now) {
        move(PromiseState.BROKEN);
        state = PromiseState.BROKEN;
        brokenAt = now;
        updatedAt = now;
    }

    /**
     * A new due time, agreed with the customer; the reminder starts over. Returns the change, which
     * is kept with the message that told the customer.
     */
    Rescheduled renegotiate(Instant newDue, Instant newRemindAt, Instant now) {
        move(PromiseState.RENEGOTIATED);
        checkDue(newDue, now);
        var change = new Rescheduled(now, dueAt, newDue);
        state = PromiseState.RENEGOTIATED;
        dueAt = newDue;
        remindAt = newRemindAt;
        remindedAt = null;
        renegotiations++;
        updatedAt = now;
        return change;
    }

    /** The customer no longer needs it; the note says why. */
    void release(String note, Instant now) {
        move(PromiseState.RELEASED);
        var why = Text.required("note", note, MAX_NOTE);
        state = PromiseState.RELEASED;
        releasedAt = now;
        releaseNote = why;
        updatedAt = now;
    }

    /** Whether the owner is due a reminder now: pending, inside its reminder window, not yet reminded. */
    boolean needsReminder(Instant now) {
        return state.isPending() && remindedAt == null && remindAt != null && !now.isBefore(remindAt);
    }

    /** Its owner was reminded; once per due time. */
    void remind(Instant now) {
        if (!state.isPending()) {
            throw new IllegalTransitionException(
                    "This promise is " + label(state) + " and is no longer reminded; it is not pending.");
        }
        if (remindedAt != null) {
            throw new IllegalTransitionException("This promise's owner was already reminded at " + remindedAt + ".");
        }
        remindedAt = now;
    }

    /** Someone else answers for it now (its case changed hands); only while it is still owed. */
    void passTo(AgentId owner, TeamId team) {
        Objects.requireNonNull(owner, "owner");
        if (!state.isUnsettled()) {
            throw new IllegalTransitionException(
                    "This promise is " + label(state) + " and cannot change hands; it is settled.");
        }
        ownerId = owner;
        if (team != null) {
            teamId = team;
        }
    }

    /** Kept by its due time, never broken on the way. */
    public boolean keptOnTime() {
        return keptOnTime(state, brokenAt, keptAt, dueAt);
    }

    static boolean keptOnTime(PromiseState state, Instant brokenAt, Instant keptAt, Instant dueAt) {
        return state == PromiseState.KEPT && brokenAt == null && !keptAt.isAfter(dueAt);
    }

    private void move(PromiseState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransitionException(
                    "This promise is " + label(state) + " and cannot be " + verb(target) + allowed());
        }
    }

    private String allowed() {
        var next = state.next();
        if (next.isEmpty()) {
            return "; it is settled.";
        }
        return "; it can be "
                + String.join(", ", next.stream().map(Promise::verb).toList()) + ".";
    }

    private static String label(PromiseState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String verb(PromiseState state) {
        return switch (state) {
            case OPEN -> "opened";
            case RENEGOTIATED -> "renegotiated";
            case BROKEN -> "broken";
            case KEPT -> "kept";
            case RELEASED -> "released";
        };
    }

    static void checkDue(Instant due, Instant now) {
        if (due == null) {
            throw new InvalidInputException("dueAt", "is required");
        }
        if (!due.isAfter(now)) {
            throw new InvalidInputException("dueAt", "must be in the future");
        }
        if (due.isAfter(Sql.LATEST)) {
            throw new InvalidInputException("dueAt", "must be before the year 10000");
        }
    }

    public PromiseId id() {
        return id;
    }

    public CaseId caseId() {
        return caseId;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public TeamId teamId() {
        return teamId;
    }

    public String description() {
        return description;
    }

    public UUID madeInEntryId() {
        return madeInEntryId;
    }

    public Actor madeBy() {
        return madeBy;
    }

    public AgentId ownerId() {
        return ownerId;
    }

    public PromiseState state() {
        return state;
    }

    public Instant madeAt() {
        return madeAt;
    }

    public Instant firstDueAt() {
        return firstDueAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant remindAt() {
        return remindAt;
    }

    public Instant remindedAt() {
        return remindedAt;
    }

    public Instant brokenAt() {
        return brokenAt;
    }

    public Instant keptAt() {
        return keptAt;
    }

    public UUID keptEntryId() {
        return keptEntryId;
    }

    public String keptNote() {
        return keptNote;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    public String releaseNote() {
        return releaseNote;
    }

    public int renegotiations() {
        return renegotiations;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
