package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.followthrough.cases.InboxRow.Standing;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inbox's rows: the promise each case owes, how long its customer waits, and their orders. */
@IntegrationTest
class InboxIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseQueries queries;

    @Autowired
    InboxQueries inbox;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseAccess access;

    @Autowired
    PromiseDesk promises;

    @Autowired
    TimerRunner timers;

    @Autowired
    MutableClock clock;

    @Test
    void eachRowCarriesItsNextPromiseAndItsStandingAndTheBrokenViewHoldsTheTeamsBrokenOnes() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Refund"));
        var ann = team.ann();
        var broken = team.escrow();
        var atRisk = fixtures.aCase().ownedBy(ann).inTeam(team.team()).open();
        var onTrack = fixtures.aCase().ownedBy(ann).inTeam(team.team()).open();
        var none = fixtures.aCase().ownedBy(ann).inTeam(team.team()).open();
        var start = clock.instant();
        var by = Fixtures.signedIn(ann).actor();
        promises.make(new MakePromise(broken.id(), "Refund", start.plus(Duration.ofHours(1)), null, null), by);
        promises.make(new MakePromise(broken.id(), "Later", start.plus(Duration.ofDays(3)), null, null), by);
        promises.make(new MakePromise(atRisk.id(), "Router", start.plus(Duration.ofHours(40)), null, null), by);
        promises.make(new MakePromise(onTrack.id(), "Address", start.plus(Duration.ofDays(10)), null, null), by);
        clock.advance(Duration.ofHours(31));
        timers.runDue();

        var viewer = queries.viewer(access.scopeOf(Fixtures.signedIn(ann)));
        var rows = all(InboxView.MINE, viewer, InboxSort.PROMISE, null);
        assertThat(rows)
                .extracting(r -> r.supportCase().id())
                .containsExactly(broken.id(), atRisk.id(), onTrack.id(), none.id());
        assertThat(rows.get(0).nextPromise().description()).isEqualTo("Refund");
        assertThat(rows.get(0).nextPromise().standing()).isEqualTo(Standing.BROKEN);
        assertThat(rows.get(0).nextPromise().ownerName()).isEqualTo(ann.displayName());
        assertThat(rows.get(1).nextPromise().standing()).isEqualTo(Standing.AT_RISK);
        assertThat(rows.get(2).nextPromise().standing()).isEqualTo(Standing.ON_TRACK);
        assertThat(rows.get(3).nextPromise()).isNull();

        assertThat(all(InboxView.MINE, viewer, InboxSort.ACTIVITY, InboxPromiseFilter.BROKEN))
                .extracting(r -> r.supportCase().id())
                .containsExactly(broken.id());
        assertThat(all(InboxView.MINE, viewer, InboxSort.ACTIVITY, InboxPromiseFilter.AT_RISK))
                .extracting(r -> r.supportCase().id())
                .containsExactly(atRisk.id());
        assertThat(all(InboxView.MINE, viewer, InboxSort.ACTIVITY, InboxPromiseFilter.NONE))
                .extracting(r -> r.supportCase().id())
                .containsExactly(none.id());
        assertThat(inbox.count(InboxView.MINE, viewer, InboxPromiseFilter.ANY)).isEqualTo(3);

        var supervisor = queries.viewer(access.scopeOf(Fixtures.signedIn(team.sue())));
        assertThat(all(InboxView.BROKEN, supervisor, InboxSort.PROMISE, null))
                .extracting(r -> r.supportCase().id())
                .containsExactly(broken.id());
        assertThat(inbox.count(InboxView.BROKEN, supervisor)).isEqualTo(1);
        // Another team's supervisor does not see it among their broken promises.
        var other = fixtures.agent(org.followthrough.identity.Role.SUPERVISOR);
        fixtures.team(other);
        var otherViewer = queries.viewer(access.scopeOf(Fixtures.signedIn(other)));
        assertThat(all(InboxView.BROKEN, otherViewer, InboxSort.PROMISE, null)).isEmpty();
    }

    @Test
    void sortingByNextPromisePagesThroughBothPartsWithoutGapsOrRepeats() {
        var ann = fixtures.agent(org.followthrough.identity.Role.AGENT);
        var by = Fixtures.signedIn(ann).actor();
        var made = new ArrayList<CaseId>();
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            var c = fixtures.aCase().ownedBy(ann).open();
            made.add(c.id());
            if (i % 2 == 0) {
                promises.make(
                        new MakePromise(
                                c.id(), "Promise " + i, clock.instant().plus(Duration.ofDays(7 - i)), null, null),
                        by);
            }
        }
        var viewer = queries.viewer(access.scopeOf(Fixtures.signedIn(ann)));
        for (int size = 1; size <= 5; size++) {
            var seen = new ArrayList<CaseId>();
            String cursor = null;
            do {
                var page = inbox.inbox(InboxView.MINE, viewer, InboxSort.PROMISE, null, cursor, size);
                page.items().forEach(r -> seen.add(r.supportCase().id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            // Soonest due first (made last, due soonest), then those owing nothing, newest activity first.
            assertThat(seen)
                    .as("page size %d", size)
                    .containsExactly(
                            made.get(6), made.get(4), made.get(2), made.get(0), made.get(5), made.get(3), made.get(1));
        }
    }

    @Test
    void theCustomersWaitStartsWithTheirMessageAndEndsWithOurAnswer() {
        var ann = fixtures.agent(org.followthrough.identity.Role.AGENT);
        var by = Fixtures.signedIn(ann).actor();
        var opened = clock.instant();
        var c = fixtures.aCase().ownedBy(ann).saying("Where is my parcel?").open();
        var viewer = queries.viewer(access.scopeOf(Fixtures.signedIn(ann)));
        assertThat(row(viewer, c).waitingSince()).isEqualTo(opened);

        clock.advance(Duration.ofHours(2));
        desk.recordInbound(c.id(), "Any news?", Channel.EMAIL, org.followthrough.platform.Actor.SYSTEM);
        assertThat(row(viewer, c).waitingSince())
                .as("a second message does not restart the wait")
                .isEqualTo(opened);

        clock.advance(Duration.ofHours(1));
        desk.logCall(c.id(), CallDirection.OUTBOUND, Duration.ofMinutes(3), "Told them it ships today", by);
        assertThat(row(viewer, c).waitingSince()).isNull();

        clock.advance(Duration.ofHours(1));
        var asked = clock.instant();
        desk.recordInbound(c.id(), "Thanks! One more thing.", Channel.EMAIL, org.followthrough.platform.Actor.SYSTEM);
        assertThat(row(viewer, c).waitingSince()).isEqualTo(asked);

        var waiting = all(InboxView.MINE, viewer, InboxSort.WAITING, null);
        assertThat(waiting).extracting(r -> r.supportCase().id()).contains(c.id());
    }

    private InboxRow row(CaseQueries.Viewer viewer, CaseView c) {
        return all(InboxView.MINE, viewer, InboxSort.ACTIVITY, null).stream()
                .filter(r -> r.supportCase().id().equals(c.id()))
                .findFirst()
                .orElseThrow();
    }

    private List<InboxRow> all(InboxView view, CaseQueries.Viewer viewer, InboxSort sort, InboxPromiseFilter promises) {
        var rows = new ArrayList<InboxRow>();
        String cursor = null;
        do {
            var page = inbox.inbox(view, viewer, sort, promises, cursor, 2);
            rows.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }
}
