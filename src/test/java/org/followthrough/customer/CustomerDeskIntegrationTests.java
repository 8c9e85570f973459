package org.followthrough.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class CustomerDeskIntegrationTests {

    @Autowired
    CustomerQueries queries;

    @Autowired
    CustomerDesk desk;

    @Test
    void findOrCreateByEmailIsCaseInsensitiveAndCreatesOnce() {
        var email = Fixtures.unique("Dana") + "@Example.org";
        var first = desk.findOrCreate("Dana Reyes", email, Actor.SYSTEM);
        var again = desk.findOrCreate("Someone else", email.toLowerCase(), Actor.SYSTEM);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.name()).isEqualTo("Dana Reyes");
    }

    @Test
    void aNewCustomerJoinsTheOrganizationOfTheirEmailDomainAndItsSegment() {
        var segment = desk.createSegment(Fixtures.unique("Premium"), "", Actor.SYSTEM);
        var domain = Fixtures.unique("acme").toLowerCase() + ".com";
        var acme = desk.createOrganization("Acme", List.of(domain), "", segment.id(), Actor.SYSTEM);
        var pat = desk.create(CustomerDetails.named("Pat", "pat@" + domain), Actor.SYSTEM);
        assertThat(pat.organizationId()).isEqualTo(acme.id());
        assertThat(pat.segmentName()).isEqualTo(segment.name());
    }

    @Test
    void twoCustomersCannotShareAnEmail() {
        var email = Fixtures.unique("shared") + "@example.org";
        desk.create(CustomerDetails.named("One", email), Actor.SYSTEM);
        assertThatThrownBy(() -> desk.create(CustomerDetails.named("Two", email.toUpperCase()), Actor.SYSTEM))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> desk.create(CustomerDetails.named("X", "not-an-email"), Actor.SYSTEM))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("email");
        var zone =
                new CustomerDetails("X", null, null, null, "Mars/Olympus", null, null, null, null, null, false, false);
        assertThatThrownBy(() -> desk.create(zone, Actor.SYSTEM))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("timeZone");
    }

    @Test
    void searchForgivesTyposAndFindsEmailsAndPhones() {
        var tag = Fixtures.unique("q").replace("-", "");
        var created = desk.create(
                new CustomerDetails(
                        "Bartholomew Quenby" + tag,
                        List.of("bq" + tag + "@example.net"),
                        List.of(new Phone("+44 20 7946 " + tag.substring(tag.length() - 4), "mobile")),
                        "en-GB",
                        "Europe/London",
                        ContactChannel.PHONE,
                        "Mr Quenby",
                        "Hates being put on hold.",
                        null,
                        null,
                        false,
                        false),
                Actor.SYSTEM);
        assertThat(queries.search("Bartholomew Quenbi" + tag, 5))
                .extracting(CustomerView::id)
                .contains(created.id());
        assertThat(queries.search("bq" + tag, 5)).extracting(CustomerView::id).contains(created.id());
        assertThat(queries.search(created.phones().getFirst().number().replace(" ", ""), 5))
                .extracting(CustomerView::id)
                .contains(created.id());
    }

    @Test
    void updatingKeepsWhatWasNotGivenAndCanClearTheOrganization() {
        var domain = Fixtures.unique("org").toLowerCase() + ".com";
        desk.createOrganization("Org", List.of(domain), "", null, Actor.SYSTEM);
        var c = desk.create(CustomerDetails.named("Lee", "lee@" + domain), Actor.SYSTEM);
        assertThat(c.organizationId()).isNotNull();
        var changed = desk.update(
                c.id(),
                new CustomerDetails(
                        null, null, null, null, "Asia/Tokyo", null, null, "Prefers mornings", null, null, true, false),
                Actor.SYSTEM);
        assertThat(changed.name()).isEqualTo("Lee");
        assertThat(changed.timeZone().getId()).isEqualTo("Asia/Tokyo");
        assertThat(changed.notes()).isEqualTo("Prefers mornings");
        assertThat(changed.organizationId()).isNull();
        assertThat(changed.emails()).containsExactly("lee@" + domain);
    }

    @Test
    void twoFirstMessagesFromOneNewAddressAtOnceMakeOneCustomer() throws Exception {
        var email = Fixtures.unique("twice") + "@example.org";
        try (var pool = Executors.newFixedThreadPool(4)) {
            var results = pool.invokeAll(Collections.nCopies(
                    4, (Callable<CustomerView>) () -> desk.findOrCreate("Twice", email, Actor.SYSTEM)));
            var ids = new HashSet<CustomerId>();
            for (var result : results) {
                ids.add(result.get().id());
            }
            assertThat(ids).hasSize(1);
        }
    }
}
