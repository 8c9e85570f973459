package org.followthrough.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.function.Supplier;
import org.followthrough.cases.CallDirection;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.cases.CaseDesk.OpenCase;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Composer;
import org.followthrough.cases.Priority;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Actor;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.timer.TimerRunner;

/**
 * Plays history through the real services at the times it happened: each step pins the clock to
 * its moment, makes one service call (one transaction, as in real use) and lets the clock go.
 */
final class Replay {

    /** Where the desk sits: "nine in the morning, three days ago" means nine o'clock here. */
    static final ZoneId DESK_ZONE = ZoneId.of("America/Chicago");

    private final CaseDesk desk;
    private final PromiseDesk promises;
    private final PromiseQueries promiseQueries;
    private final TimerRunner timers;
    private final DemoClock clock;
    private final ZonedDateTime now;

    Replay(CaseDesk desk, PromiseDesk promises, PromiseQueries promiseQueries, TimerRunner timers, DemoClock clock) {
        this.desk = desk;
        this.promises = promises;
        this.promiseQueries = promiseQueries;
        this.timers = timers;
        this.clock = clock;
        this.now = ZonedDateTime.now(clock).withZoneSameInstant(DESK_ZONE);
    }

    /** A time of day on a past day, desk time. */
    Instant daysAgo(int days, String time) {
        if (days < 1) {
            throw new IllegalArgumentException("Use hoursAgo for today: a time of day today may still lie ahead");
        }
        return now.toLocalDate()
                .minusDays(days)
                .atTime(LocalTime.parse(time))
                .atZone(DESK_ZONE)
                .toInstant();
    }

    /** A time of day on a day still to come, desk time. */
    Instant daysAhead(int days, String time) {
        return now.toLocalDate()
                .plusDays(days)
                .atTime(LocalTime.parse(time))
                .atZone(DESK_ZONE)
                .toInstant();
    }

    /** Friday of next week, 17:00 desk time: "by the end of next week". */
    Instant endOfNextWeek() {
        var friday =
                now.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusDays(4);
        return friday.atTime(17, 0).atZone(DESK_ZONE).toInstant();
    }

    /** The clock reaches this moment: reminders and breaches due by then happen, as they would have. */
    void timersUpTo(Instant when) {
        at(when, timers::runDue);
    }

    Instant hoursAgo(int hours, int minutes) {
        return now.toInstant().minus(Duration.ofHours(hours).plusMinutes(minutes));
    }

    <T> T at(Instant when, Supplier<T> step) {
        clock.pinAt(when);
        try {
            return step.get();
        } finally {
            clock.release();
        }
    }

    /** A case about to be opened: say who and what, then how it arrives. */
    NewCase newCase(CustomerView customer, String subject) {
        return new NewCase(customer, subject);
    }

    final class NewCase {

        private final CustomerView customer;
        private final String subject;
        private TeamView team;
        private Priority priority = Priority.NORMAL;
        private Set<String> tags = Set.of();

        private NewCase(CustomerView customer, String subject) {
            this.customer = customer;
            this.subject = subject;
        }

        NewCase team(TeamView team) {
            this.team = team;
            return this;
        }

        NewCase priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        NewCase tags(String... tags) {
            this.tags = Set.of(tags);
            return this;
        }

        /** The customer writes in; the case waits, unowned, in its team's queue. */
        Story arrives(Instant when, Channel channel, String message) {
            return open(when, channel, message, null, Actor.SYSTEM);
        }

        /** An agent opens the case while on the phone with the customer and owns it from the start. */
        Story openedOnCall(Instant when, SignedInAgent agent) {
            return open(when, Channel.PHONE, null, agent, agent.actor());
        }

        private Story open(Instant when, Channel channel, String message, SignedInAgent owner, Actor by) {
            var opened = at(
                    when,
                    () -> desk.open(
                            new OpenCase(
                                    customer.id(),
                                    subject,
                                    message,
                                    channel,
                                    priority,
                                    team == null ? null : team.id(),
                                    owner == null ? null : owner.id(),
                                    tags),
                            by));
            return new Story(opened.id(), opened.number());
        }
    }

    /** One case's history, told step by step. */
    final class Story {

        private final CaseId id;
        private final long number;

        private Story(CaseId id, long number) {
            this.id = id;
            this.number = number;
        }

        CaseId id() {
            return id;
        }

        long number() {
            return number;
        }

        Story inbound(Instant when, Channel channel, String message) {
            at(when, () -> desk.recordInbound(id, message, channel, Actor.SYSTEM));
            return this;
        }

        Story reply(Instant when, SignedInAgent agent, String message) {
            return reply(when, agent, message, null);
        }

        Story reply(Instant when, SignedInAgent agent, String message, CaseStatus then) {
            return reply(when, agent, Channel.EMAIL, message, then);
        }

        Story reply(Instant when, SignedInAgent agent, Channel channel, String message, CaseStatus then) {
            at(when, () -> desk.reply(id, message, channel, then, agent.actor()));
            return this;
        }

        /** A reply in which the agent promises something, recorded with it as the composer does. */
        Story replyPromising(
                Instant when, SignedInAgent agent, String message, CaseStatus then, String promise, Instant due) {
            var local = due.atZone(agent.zone()).toLocalDateTime().toString();
            at(
                    when,
                    () -> desk.reply(
                            id, message, Channel.EMAIL, then, Composer.promising(promise, local), agent.actor()));
            return this;
        }

        /** The agent marks the case's earliest unsettled promise kept, saying how. */
        Story keepPromise(Instant when, SignedInAgent agent, String how) {
            at(when, () -> {
                var open = promiseQueries.unsettledOfCase(id).getFirst();
                return promises.keep(open.id(), null, how, agent.actor());
            });
            return this;
        }

        Story call(Instant when, SignedInAgent agent, CallDirection direction, int minutes, String summary) {
            at(when, () -> desk.logCall(id, direction, Duration.ofMinutes(minutes), summary, agent.actor()));
            return this;
        }

        Story note(Instant when, SignedInAgent agent, String text) {
            at(when, () -> desk.note(id, text, agent.actor()));
            return this;
        }

        Story status(Instant when, SignedInAgent agent, CaseStatus status) {
            return change(when, agent, CaseChanges.status(status));
        }

        Story assign(Instant when, SignedInAgent by, SignedInAgent to) {
            return change(when, by, CaseChanges.owner(to.id()));
        }

        Story change(Instant when, SignedInAgent by, CaseChanges changes) {
            at(when, () -> desk.change(id, changes, by.actor()));
            return this;
        }
    }
}
