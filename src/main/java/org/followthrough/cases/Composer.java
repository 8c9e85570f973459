package org.followthrough.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the agent filled in the reply or call composer besides the text itself, for the modules that
 * act on it with the entry ({@link EntryFollowUp}): the promises made in it (promise) and how the
 * reply goes out by mail (email), and the case's open promises the entry keeps (promise: kept with
 * the entry as evidence, before the composer's "Then set" status applies). Replies and calls from
 * the API and from jobs carry {@link #NONE}.
 */
public record Composer(List<PromiseDraft> promises, MailOptions mail, List<UUID> keeps) {

    /** Nothing besides the text: no promise, the mail as it goes by default. */
    public static final Composer NONE = new Composer(List.of(), MailOptions.DEFAULT);

    /** Rows the agent left empty are no promise and are dropped; a promise ticked twice is kept once. */
    public Composer {
        promises = promises == null
                ? List.of()
                : promises.stream().filter(row -> !row.isEmpty()).toList();
        mail = mail == null ? MailOptions.DEFAULT : mail;
        keeps = keeps == null ? List.of() : keeps.stream().distinct().toList();
    }

    /** A composer that keeps no promise. */
    public Composer(List<PromiseDraft> promises, MailOptions mail) {
        this(promises, mail, List.of());
    }

    /** This composer, keeping these promises of the case with the entry. */
    public Composer keeping(List<UUID> promiseIds) {
        return new Composer(promises, mail, promiseIds);
    }

    /**
     * A promise the agent wrote down with the entry: what was promised and when it is due, as typed
     * in the composer (a local date-time such as {@code 2026-11-27T17:00}, in the agent's time zone,
     * or followed by the zone the agent chose to write it in: {@code 2026-11-27T17:00[Asia/Tokyo]}).
     * The promise module refuses a row with one of the two missing or a due it cannot read.
     */
    public record PromiseDraft(String description, String due) {

        boolean isEmpty() {
            return blank(description) && blank(due);
        }
    }

    /** How a reply by email goes out: {@code listPromises} lists the case's open promises under it. */
    public record MailOptions(boolean listPromises) {

        public static final MailOptions DEFAULT = new MailOptions(false);
    }

    /** The composer's promise rows, paired in the order they were sent; a missing half is blank. */
    public static Composer of(List<String> descriptions, List<String> dues, MailOptions mail) {
        var rows = new ArrayList<PromiseDraft>();
        for (int i = 0; i < Math.max(descriptions.size(), dues.size()); i++) {
            rows.add(new PromiseDraft(
                    i < descriptions.size() ? descriptions.get(i) : "", i < dues.size() ? dues.get(i) : ""));
        }
        return new Composer(rows, mail);
    }

    /** A composer with this one promise. */
    public static Composer promising(String description, String due) {
        return new Composer(List.of(new PromiseDraft(description, due)), MailOptions.DEFAULT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
