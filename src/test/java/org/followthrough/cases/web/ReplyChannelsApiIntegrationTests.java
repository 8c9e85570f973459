package org.followthrough.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.EntryKind;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.Phone;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API takes a reply only on a channel that reaches the customer (issue 12): another is refused
 * with a problem document naming {@code channel}, unless the reply is to be recorded all the same,
 * and then its entry says it was not delivered and why.
 */
@IntegrationTest
class ReplyChannelsApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries queries;

    @Autowired
    CustomerDesk customers;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    TestMailServer server;

    @Autowired
    JdbcClient db;

    AgentView ann;
    ApiClient api;

    @BeforeEach
    void nothingDelivers() {
        fixtures.quietMailboxes();
        ann = fixtures.agent(Role.AGENT);
        api = fixtures.api(port, ann);
    }

    @AfterEach
    void quiet() {
        fixtures.quietMailboxes();
    }

    @Test
    void aReplyOnAChannelThatDeliversNothingIsRefusedNamingTheChannelAndRecordsNothing() {
        switchOnAMailbox();
        var c = fixtures.aCase().ownedBy(ann).open();

        for (var channel : new String[] {"portal", "chat", "phone"}) {
            var refused =
                    api.post(entries(c), Map.of("kind", "reply", "body", "Done on our side.", "channel", channel));
            assertThat(refused.status()).as(channel).isEqualTo(400);
            assertThat(refused.errorFields()).as(channel).containsExactly("channel");
            assertThat(refused.text("detail"))
                    .as(channel)
                    .contains("no_delivery")
                    .contains("deliverable: email");
        }
        assertThat(replies(c)).isZero();
    }

    @Test
    void withoutAChannelAReplyGoesOutOnTheOneThatDelivers() {
        switchOnAMailbox();
        var c = fixtures.aCase().ownedBy(ann).open();

        var sent = api.post(entries(c), Map.of("kind", "reply", "body", "Your refund is on its way."));

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.text("channel")).isEqualTo("email");
        var notDelivered = sent.body().path("notDelivered");
        assertThat(notDelivered.isNull() || notDelivered.isMissingNode()).isTrue();
    }

    @Test
    void whenNothingDeliversAReplyIsRefusedUnlessItIsRecordedAllTheSameAndThenSaysWhyItWasNotDelivered() {
        var c = fixtures.aCase().ownedBy(ann).open();

        var refused = api.post(entries(c), Map.of("kind", "reply", "body", "We fixed it."));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("channel");
        assertThat(replies(c)).isZero();

        var recorded = api.post(entries(c), Map.of("kind", "reply", "body", "We fixed it.", "recordUndelivered", true));
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(recorded.text("kind")).isEqualTo("reply");
        assertThat(recorded.text("notDelivered")).isIn("mailbox_switched_off", "no_mailbox");
        var marked = new ArrayList<String>();
        api.get(entries(c))
                .body()
                .path("items")
                .forEach(e -> marked.add(e.path("notDelivered").asString()));
        assertThat(marked).contains(recorded.text("notDelivered"));
    }

    @Test
    void aCustomerWithoutAnAddressOrWithABouncingOneIsNotReachedByEmail() {
        switchOnAMailbox();
        var noAddress = customers.create(
                CustomerDetails.contact(
                        Fixtures.unique("Phone Only"),
                        null,
                        List.of(new Phone("+4930" + System.nanoTime() % 100_000_000, "mobile"))),
                Actor.SYSTEM);
        var c = fixtures.aCase().of(noAddress).ownedBy(ann).open();
        var refused = api.post(entries(c), Map.of("kind", "reply", "body", "Call us back?", "channel", "email"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("channel");
        assertThat(refused.text("detail")).contains("no_address");

        var bouncing = fixtures.customer();
        db.sql(
                        "insert into bouncing_address (address, reason, bounced_at) values (lower(?), 'mailbox unavailable', now())")
                .param(bouncing.primaryEmail())
                .update();
        var other = fixtures.aCase().of(bouncing).ownedBy(ann).open();
        var recorded =
                api.post(entries(other), Map.of("kind", "reply", "body", "Trying anyway.", "recordUndelivered", true));
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(recorded.text("notDelivered")).isEqualTo("address_bouncing");
        assertThat(db.sql("select count(*) from mail_outbox where entry_id = ?")
                        .param(UUID.fromString(recorded.text("id")))
                        .query(Integer.class)
                        .single())
                .as("no mail is queued for a reply that reaches no one")
                .isZero();
    }

    @Test
    void theDeskMarksAReplyAnotherModuleRecordsWhereNothingDelivers() {
        var c = fixtures.aCase().ownedBy(ann).open();

        var entry = desk.reply(
                c.id(),
                "Your new date is Friday.",
                Channel.PORTAL,
                null,
                Fixtures.signedIn(ann).actor());

        assertThat(entry.kind()).isEqualTo(EntryKind.REPLY);
        assertThat(entry.undelivered()).isTrue();
        assertThat(queries.timeline(c.id()))
                .filteredOn(e -> e.kind() == EntryKind.REPLY)
                .singleElement()
                .satisfies(e -> assertThat(e.undelivered()).isTrue());
    }

    private void switchOnAMailbox() {
        mailboxes.create(
                server.mailbox(Fixtures.unique("support") + "@desk.example", "mailbox-secret-1", null, false),
                Actor.SYSTEM);
    }

    private static String entries(CaseView c) {
        return "/api/v1/cases/" + c.id() + "/entries";
    }

    private long replies(CaseView c) {
        return queries.timeline(c.id()).stream()
                .filter(e -> e.kind() == EntryKind.REPLY)
                .count();
    }
}
