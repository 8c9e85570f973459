package org.followthrough.macros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.followthrough.audit.AuditEvent;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseStatus;
import org.followthrough.identity.Role;
import org.followthrough.macros.MacroActions.MacroPromise;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.Fixtures.TeamCase;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class MacroIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MacroDesk desk;

    @Autowired
    MacroQueries queries;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AuditLog audit;

    @Autowired
    MutableClock clock;

    TeamCase given;

    @BeforeEach
    void annOwnsACaseInHerTeam() {
        given = fixtures.annOwnsACaseInHerTeam(c -> c.about("Refund for order 1042"));
    }

    @Test
    void aPersonalMacroIsFilledInForTheCaseAndSeenOnlyByItsAuthor() {
        var ann = fixtures.api(port, given.ann());
        var created = ann.post(
                "/api/v1/macros",
                Map.of(
                        "title", "Refund approved",
                        "body",
                                "Hello {{customer.first_name}}, your refund for case #{{case.number}} is approved. "
                                        + "{{agent.first_name}}",
                        "status", "waiting_on_customer",
                        "addTags", List.of("Refund"),
                        "promiseDescription", "Refund reaches {{customer.first_name}}'s account",
                        "promiseDue", "BUSINESS_DAYS:2"));
        assertThat(created.status()).isEqualTo(201);
        var id = created.text("id");
        assertThat(created.text("scope")).isEqualTo("personal");
        assertThat(created.body().path("addTags").get(0).asString()).isEqualTo("refund");

        var filled = ann.post(
                "/api/v1/macros/" + id + "/fill",
                Map.of("caseId", given.escrow().id().value()));
        assertThat(filled.status()).isEqualTo(200);
        var customerFirstName = given.escrow().people().customerName().split(" ")[0];
        assertThat(filled.text("body"))
                .isEqualTo("Hello " + customerFirstName + ", your refund for case #"
                        + given.escrow().number() + " is approved. "
                        + given.ann().displayName().split(" ")[0]);
        assertThat(filled.text("status")).isEqualTo("waiting_on_customer");
        assertThat(filled.text("promiseDescription")).isEqualTo("Refund reaches " + customerFirstName + "'s account");
        // Two business days on: the close of a business day at least a day and at most a week away.
        assertThat(Instant.parse(filled.text("promiseDueAt")))
                .isBetween(
                        clock.instant().plus(Duration.ofDays(1)),
                        clock.instant().plus(Duration.ofDays(7)));
        assertThat(ann.get("/api/v1/macros/" + id).body().path("usedCount").asLong())
                .isEqualTo(1);

        var bob = fixtures.api(port, given.bob());
        assertThat(bob.get("/api/v1/macros/" + id).status()).isEqualTo(404);
        assertThat(bob.post(
                                "/api/v1/macros/" + id + "/fill",
                                Map.of("caseId", given.escrow().id().value()))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/v1/macros").body().path("items").toString()).doesNotContain(id);
        assertThat(bob.post("/api/v1/macros/" + id + "/archive", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void onlySupervisorsShareMacrosAndATeamMacroReachesOnlyTheTeam() {
        var content = new Macro.Content("Escrow status", "The escrow team is on it, {{customer.address_as}}.", null);
        assertThatThrownBy(() -> desk.write(
                        MacroScope.SHARED,
                        content,
                        null,
                        Fixtures.signedIn(given.ann()).actor()))
                .isInstanceOfSatisfying(
                        ForbiddenException.class, e -> assertThat(e.field()).isEqualTo("scope"));
        var refused = fixtures.api(port, given.ann())
                .post("/api/v1/macros", Map.of("title", "x", "body", "y", "scope", "shared"));
        assertThat(refused.status()).isEqualTo(403);

        var shared = desk.write(
                MacroScope.SHARED,
                content,
                given.team(),
                Fixtures.signedIn(given.sue()).actor());
        assertThat(queries.available(given.bob().id(), "escrow", 10))
                .extracting(MacroView::id)
                .contains(shared.id());
        var outsider = fixtures.agent(Role.AGENT);
        assertThat(queries.available(outsider.id(), "escrow", 10))
                .extracting(MacroView::id)
                .doesNotContain(shared.id());

        // Agents use a shared macro but do not change it; its supervisor archives it and it leaves the picker.
        var bobsRevision = fixtures.api(port, given.bob())
                .put("/api/v1/macros/" + shared.id(), Map.of("title", "Mine now", "body", "Hello"));
        assertThat(bobsRevision.status()).isEqualTo(403);
        desk.archive(shared.id(), Fixtures.signedIn(given.sue()).actor());
        assertThat(queries.available(given.bob().id(), "escrow", 10))
                .extracting(MacroView::id)
                .doesNotContain(shared.id());
        assertThat(audit.forEntity("macro", shared.id().value()))
                .extracting(AuditEvent::action)
                .containsExactly("created", "archived");
    }

    @Test
    void badMacrosAreRefusedNamingTheFieldAndNothingIsWritten() {
        var ann = fixtures.api(port, given.ann());
        var before = ann.get("/api/v1/macros").body().path("items").size();
        var cases = List.of(
                Map.of("body", "no title"),
                Map.of("title", "Typo", "body", "Hi {{custmer.name}}"),
                Map.of("title", "Closed", "body", "Bye", "status", "closed"),
                Map.of("title", "Soon", "body", "Soon", "promiseDescription", "Call back", "promiseDue", "SOON"),
                Map.of("title", "Half", "body", "Half", "promiseDue", "END_OF_TODAY"),
                Map.of("title", "Team", "body", "T", "moveToTeamId", "00000000-0000-0000-0000-000000000001"));
        var fields = List.of("title", "body", "status", "promiseDue", "promiseDescription", "moveToTeamId");
        for (int i = 0; i < cases.size(); i++) {
            var response = ann.post("/api/v1/macros", new HashMap<>(cases.get(i)));
            assertThat(response.status()).as(cases.get(i).toString()).isBetween(400, 422);
            assertThat(response.errorFields()).as(cases.get(i).toString()).contains(fields.get(i));
        }
        assertThat(ann.get("/api/v1/macros").body().path("items").size()).isEqualTo(before);
    }

    @Test
    void theMacroMostUsedComesFirstInThePicker() {
        var by = Fixtures.signedIn(given.ann()).actor();
        var rare = desk.write(
                MacroScope.PERSONAL, new Macro.Content("Shipping delay rare", "Sorry for the delay.", null), null, by);
        var common = desk.write(
                MacroScope.PERSONAL,
                new Macro.Content(
                        "Shipping delay common",
                        "Your parcel is on its way.",
                        new MacroActions(
                                CaseStatus.RESOLVED,
                                Set.of(),
                                null,
                                new MacroPromise("Tracking number sent", PromiseDue.parse("END_OF_TODAY")))),
                null,
                by);
        desk.apply(common.id(), given.escrow().number(), by);
        var applied = desk.apply(common.id(), given.escrow().number(), by);
        assertThat(applied.status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(applied.promise().dueAt()).isAfter(clock.instant());
        assertThat(queries.available(given.ann().id(), "shipping delay", 10))
                .extracting(MacroView::id)
                .containsExactly(common.id(), rare.id());
    }
}
