package org.followthrough.promise;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.followthrough.calendar.BusinessCalendar;
import org.springframework.stereotype.Component;

/**
 * Reads an agent's reply or call summary for promises ("I'll call you back tomorrow", "you will
 * receive the refund within 5 business days") and offers each with the due time its words set.
 * Rules and a date-phrase parser, no model: the same text always gives the same commitments. What it
 * recognises, and what each due phrase means, is in {@code docs/promise-detector.md}.
 *
 * <p>Stateless and thread-safe.
 */
@Component
public final class CommitmentDetector {

    private final CommitmentRules rules = new CommitmentRules();
    private final DuePhraseParser duePhrases = new DuePhraseParser();

    public CommitmentDetector() {}

    /**
     * The commitments in {@code text}, one per sentence at most, in the order written.
     *
     * @param zone the customer's time zone: relative days ("tomorrow") and times of day ("3pm") are
     *     read in it
     * @param writtenAt when the agent wrote the text; relative phrases count from here
     * @param calendar the business hours that "end of business", "business days" and "first thing"
     *     refer to
     */
    public List<Commitment> detect(String text, ZoneId zone, Instant writtenAt, BusinessCalendar calendar) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(writtenAt, "writtenAt");
        Objects.requireNonNull(calendar, "calendar");
        if (text == null || text.isBlank()) {
            return List.of();
        }
        var context = new DuePhraseParser.Context(writtenAt, zone, calendar);
        var found = new ArrayList<Commitment>();
        for (var sentence : CommitmentSentences.split(text)) {
            var phrases = duePhrases.findAll(sentence.analysed(), context);
            rules.read(sentence.analysed(), phrases).ifPresent(reading -> {
                var due = reading.due();
                found.add(new Commitment(
                        sentence.written(),
                        due == null ? null : sentence.written().substring(due.start(), due.end()),
                        due == null ? null : due.dueAt(),
                        CommitmentConfidence.of(reading)));
            });
        }
        return List.copyOf(found);
    }
}
