package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.Role;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CaseConsoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseQueries queries;

    @Autowired
    CustomerQueries customers;

    @Autowired
    MutableClock clock;

    @Test
    void anIllegalStatusChangeFromTheCasePageShowsItsReasonAndChangesNothing() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var console = ConsoleClient.signedIn(port, ann);
        console.get("/cases/" + c.number());
        var response = console.htmxPost("/cases/" + c.number() + "/properties", Map.of("status", "CLOSED"));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("HX-Retarget")).hasValue("#flash");
        assertThat(response.body()).contains("cannot move from open to closed");
        assertThat(queries.get(c.id()).status()).isEqualTo(CaseStatus.OPEN);
    }

    @Test
    void anEmptyReplyIsRefusedNamingTheField() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var console = ConsoleClient.signedIn(port, ann);
        var response = console.htmxPost("/cases/" + c.number() + "/reply", Map.of("body", "  "));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("body must not be blank");
    }

    @Test
    void aPromiseWrittenInTheComposerReachesThePromiseModuleExactlyAsTyped() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var console = ConsoleClient.signedIn(port, ann);
        // Test agents work in Berlin time; the composer sends the due as a local date-time.
        var due = clock.instant()
                .plus(Duration.ofDays(1))
                .atZone(ZoneId.of("Europe/Berlin"))
                .toLocalDateTime()
                .withSecond(0)
                .withNano(0);
        var response = console.htmxPost(
                "/cases/" + c.number() + "/reply",
                Map.of(
                        "body", "I will send the label, then call you.",
                        "channel", "PORTAL",
                        "recordUndelivered", "true",
                        "promise.description", "Send the label, then call back",
                        "promise.dueAt", due.toString()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(queries.timeline(c.id()))
                .filteredOn(e -> "promise_made".equals(e.eventType()))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.eventData()).containsEntry("description", "Send the label, then call back"));
    }

    @Test
    void aMissingCaseIsANotFoundPage() {
        var console = ConsoleClient.signedIn(port, fixtures.agent(Role.AGENT));
        var response = console.get("/cases/999999999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Not found");
    }

    @Test
    void anAgentOpensACaseForANewCustomerFromTheConsole() {
        var ann = fixtures.agent(Role.AGENT);
        var console = ConsoleClient.signedIn(port, ann);
        console.get("/cases/new");
        var email = Fixtures.unique("walkin") + "@example.org";
        var response = console.post(
                "/cases",
                Map.of(
                        "name", "Walk In",
                        "email", email,
                        "phone", "",
                        "subject", "Phone arrived dead",
                        "body", "It does not switch on.",
                        "channel", "IN_PERSON",
                        "priority", "HIGH",
                        "teamId", "",
                        "ownerId", ann.id().toString(),
                        "tags", "doa, phone"));
        assertThat(response.statusCode()).isEqualTo(302);
        var number = Long.parseLong(
                response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        var opened = queries.findByNumber(number).orElseThrow();
        assertThat(opened.people().ownerId()).isEqualTo(ann.id());
        assertThat(opened.priority()).isEqualTo(Priority.HIGH);
        assertThat(opened.tags()).containsExactly("doa", "phone");
        assertThat(opened.channel()).isEqualTo(Channel.IN_PERSON);
    }

    @Test
    void aNewCaseFormWithABadSubjectComesBackAsTypedAndCreatesNoCustomer() {
        var console = ConsoleClient.signedIn(port, fixtures.agent(Role.AGENT));
        console.get("/cases/new");
        var email = Fixtures.unique("halfwritten") + "@example.org";
        var response = console.post(
                "/cases",
                Map.of(
                        "name", "Half Written",
                        "email", email,
                        "subject", " ",
                        "body", "Kept as typed",
                        "channel", "PHONE",
                        "priority", "NORMAL"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("subject must not be blank").contains("Kept as typed");
        assertThat(customers.findByEmail(email)).isEmpty();
    }
}
