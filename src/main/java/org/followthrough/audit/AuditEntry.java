package org.followthrough.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit event as the audit log page shows it: who did what to which thing, and what each
 * field was before and after, with names in place of ids (as they are now; the actor's name as it
 * was when they acted).
 */
public record AuditEntry(
        long id, Instant occurredAt, Who who, String entityType, String action, Subject subject, List<Change> changes) {

    /** Who acted: an agent (with their id), a customer, or the system. */
    public record Who(String type, String id, String name) {}

    /**
     * What the event was about, by name: a case ({@code #1042 Printer jams}), a customer, an agent,
     * a team. {@code href} is the console page to open it, or {@code null}; {@code onCase} names the
     * case a promise or handoff belongs to.
     */
    public record Subject(String label, String href, String onCase, String onCaseHref) {}

    /** A field that changed, or that was set when the thing was made; absent sides are {@code null}. */
    public record Change(String field, Value before, Value after) {}

    /** A value as text, or a moment the page shows in the reader's time zone. */
    public record Value(String text, Instant time) {

        static Value text(String text) {
            return new Value(text, null);
        }
    }
}
