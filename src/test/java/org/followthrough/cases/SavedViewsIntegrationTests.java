package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.followthrough.identity.Role;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Views of the inbox kept by name: one's own, or shared by supervisors with everyone. */
@IntegrationTest
class SavedViewsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDesk desk;

    @Autowired
    SavedViewDesk views;

    @Autowired
    CaseQueries queries;

    @Autowired
    InboxQueries inbox;

    @Autowired
    CaseAccess access;

    @Test
    void aPersonalViewIsItsMakersAndASharedOneEveryonesAndEachHoldsWhatItsFiltersSay() {
        var team = fixtures.annOwnsACaseInHerTeam(
                c -> c.tagged("escrow-" + Fixtures.unique("t")).withPriority(Priority.URGENT));
        var ann = team.ann();
        var tag = team.escrow().tags().getFirst();
        fixtures.aCase().ownedBy(ann).inTeam(team.team()).tagged(tag).open();
        fixtures.aCase().ownedBy(ann).inTeam(team.team()).open();
        var filters = new InboxFilters(null, team.team(), null, tag, Priority.URGENT, null, null, null);

        var mine = views.saveView(
                "Urgent escrow", false, filters, Fixtures.signedIn(ann).actor());
        assertThat(inbox.savedViews(ann.id())).extracting(SavedView::id).contains(mine.id());
        assertThat(inbox.savedViews(team.bob().id())).extracting(SavedView::id).doesNotContain(mine.id());
        assertThatThrownBy(() -> inbox.savedView(mine.id(), team.bob().id())).isInstanceOf(NotFoundException.class);
        var viewer = queries.viewer(access.scopeOf(Fixtures.signedIn(ann)));
        assertThat(inbox.count(mine, viewer)).isEqualTo(1);
        assertThat(inbox.inbox(mine, viewer, InboxSort.ACTIVITY, null, 10).items())
                .extracting(r -> r.supportCase().id())
                .containsExactly(team.escrow().id());

        assertThatThrownBy(() -> views.saveView(
                        "For all", true, filters, Fixtures.signedIn(ann).actor()))
                .isInstanceOfSatisfying(
                        ForbiddenException.class,
                        e -> assertThat(e.getMessage()).contains("supervisors"));
        var shared = views.saveView(
                Fixtures.unique("Team urgent"),
                true,
                filters,
                Fixtures.signedIn(team.sue()).actor());
        assertThat(inbox.savedViews(team.bob().id())).extracting(SavedView::id).contains(shared.id());
        assertThat(inbox.savedView(shared.id(), team.bob().id()).shared()).isTrue();

        assertThatThrownBy(() -> views.saveView(
                        "urgent ESCROW", false, filters, Fixtures.signedIn(ann).actor()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> views.deleteView(
                        shared.id(), Fixtures.signedIn(team.bob()).actor()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> views.deleteView(
                        mine.id(), Fixtures.signedIn(team.bob()).actor()))
                .isInstanceOf(NotFoundException.class);
        views.deleteView(mine.id(), Fixtures.signedIn(ann).actor());
        assertThat(inbox.savedViews(ann.id())).extracting(SavedView::id).doesNotContain(mine.id());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        var ann = fixtures.agent(Role.AGENT);
        var console = ConsoleClient.signedIn(port, ann);
        console.get("/");
        var noName = console.post("/inbox/views", Map.of("name", " ", "status", "OPEN"));
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(noName.body()).contains("name must not be blank");
        var badPriority = console.post("/inbox/views", Map.of("name", "Mine", "priority", "SOON"));
        assertThat(badPriority.statusCode()).isEqualTo(422);
        assertThat(badPriority.body()).contains("priority must be one of");
        var badHours = console.post("/inbox/views", Map.of("name", "Mine", "waitingHours", "0"));
        assertThat(badHours.statusCode()).isEqualTo(422);
        assertThat(badHours.body()).contains("waitingHours must be between 1 and");
        var tooLong = console.post("/inbox/views", Map.of("name", "x".repeat(SavedView.MAX_NAME + 1)));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("name must have at most");
        var shared = console.post("/inbox/views", Map.of("name", "Everyone's", "shared", "true"));
        assertThat(shared.statusCode()).isEqualTo(403);
        assertThat(inbox.savedViews(ann.id())).isEmpty();

        var saved = console.post("/inbox/views", Map.of("name", "Waiting a day", "waitingHours", "24"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("saved=");
        var page = console.get("/");
        assertThat(page.body()).contains("Waiting a day");
    }
}
