package org.followthrough.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class CustomerTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Customer register(CustomerDetails details) {
        return Customer.register(new CustomerId(UUID.randomUUID()), details, NOW);
    }

    private static Customer ann() {
        return register(CustomerDetails.contact(
                "Ann Lee", List.of("ann@example.org", "ann.lee@work.example"), List.of(new Phone("+1 555 0100", ""))));
    }

    private static void refused(Runnable change, String field, String message) {
        assertThatThrownBy(change::run)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo(field);
    }

    @Test
    void aNewCustomerTakesTheDefaultsForWhatWasNotGiven() {
        var c = register(CustomerDetails.named("  Ann Lee ", "ann@example.org"));
        assertThat(c.name()).isEqualTo("Ann Lee");
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.preferredChannel()).isEqualTo(ContactChannel.EMAIL);
        assertThat(c.formOfAddress()).isEmpty();
        assertThat(c.notes()).isEmpty();
        assertThat(c.phones()).isEmpty();
        assertThat(c.organizationId()).isNull();
        assertThat(c.segmentId()).isNull();
        assertThat(c.createdAt()).isEqualTo(NOW);
        assertThat(c.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void theFirstAddressIsThePrimaryOneAndAnAddressGivenTwiceIsKeptOnceAsFirstWritten() {
        var c = register(CustomerDetails.contact(
                "Ann", List.of(" Ann@Example.org ", "ann@work.example", "ANN@EXAMPLE.ORG"), null));
        assertThat(c.emails()).containsExactly("Ann@Example.org", "ann@work.example");
        assertThat(c.primaryEmail()).isEqualTo("Ann@Example.org");
        assertThat(register(CustomerDetails.contact("Nobody", null, null)).primaryEmail())
                .isNull();
    }

    @Test
    void aBadAddressIsNamedEmailAloneAndByItsPlaceInAList() {
        refused(() -> register(CustomerDetails.named("Ann", "not-an-email")), "email", "");
        refused(
                () -> register(CustomerDetails.contact("Ann", List.of("ann@example.org", "nope"), null)),
                "emails[1]",
                "");
    }

    @Test
    void phoneNumbersMustBeNumbersAndAreKeptOnce() {
        var c = register(CustomerDetails.contact(
                "Ann",
                List.of(),
                List.of(
                        new Phone(" +44 20 7946 0000 ", " mobile "),
                        new Phone("+44 20 7946 0000", "again"),
                        new Phone("030 1234", null))));
        assertThat(c.phones()).containsExactly(new Phone("+44 20 7946 0000", "mobile"), new Phone("030 1234", ""));
        refused(
                () -> register(
                        CustomerDetails.contact("Ann", null, List.of(new Phone("1234", ""), new Phone(" ", "")))),
                "phones[1].number",
                "must not be blank");
        refused(
                () -> register(CustomerDetails.contact("Ann", null, List.of(new Phone("call me", "")))),
                "phones[0].number",
                "must be a phone number");
    }

    @Test
    void replacingContactsKeepsTheRulesAndARefusedReplacementChangesNothing() {
        var c = ann();
        assertThat(c.contactsChanged()).isFalse();
        refused(
                () -> c.replaceContacts(List.of("new@example.org"), List.of(new Phone("x", ""))),
                "phones[0].number",
                "");
        assertThat(c.emails()).containsExactly("ann@example.org", "ann.lee@work.example");
        assertThat(c.contactsChanged()).isFalse();

        c.replaceContacts(List.of("ann.lee@work.example", "Ann.Lee@Work.Example"), null);
        assertThat(c.emails()).containsExactly("ann.lee@work.example");
        assertThat(c.primaryEmail()).isEqualTo("ann.lee@work.example");
        assertThat(c.phones()).isEmpty();
        assertThat(c.contactsChanged()).isTrue();

        c.replaceContacts(null, List.of());
        assertThat(c.emails()).isEmpty();
    }

    @Test
    void aNameIsRequiredAndBounded() {
        var c = ann();
        refused(() -> c.rename("   "), "name", "must not be blank");
        refused(() -> c.rename("x".repeat(201)), "name", "at most 200");
        refused(() -> register(CustomerDetails.named(null, "a@example.org")), "name", "must not be blank");
        c.rename("  Ann Lee-Park ");
        assertThat(c.name()).isEqualTo("Ann Lee-Park");
    }

    @Test
    void languageAndTimeZoneMustBeRealOnes() {
        var c = ann();
        refused(() -> c.speak("english please"), "language", "language tag");
        refused(() -> c.moveToTimeZone("Mars/Olympus"), "timeZone", "time zone");
        c.speak(" pt-BR ");
        c.moveToTimeZone("Europe/Berlin");
        assertThat(c.language()).isEqualTo("pt-BR");
        assertThat(c.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        var details = new CustomerDetails("X", null, null, "42", null, null, null, null, null, null, false, false);
        refused(() -> register(details), "language", "language tag");
    }

    @Test
    void preferencesNotesAndMembershipsChangeThroughTheirOwnMethods() {
        var c = ann();
        c.preferChannel(ContactChannel.PHONE);
        c.addressAs("  Dr. Lee ");
        c.rewriteNotes(" Call after 10. ");
        var organization = new OrganizationId(UUID.randomUUID());
        var segment = new SegmentId(UUID.randomUUID());
        c.joinOrganization(organization);
        c.placeInSegment(segment);
        assertThat(c.preferredChannel()).isEqualTo(ContactChannel.PHONE);
        assertThat(c.formOfAddress()).isEqualTo("Dr. Lee");
        assertThat(c.notes()).isEqualTo("Call after 10.");
        assertThat(c.organizationId()).isEqualTo(organization);
        assertThat(c.segmentId()).isEqualTo(segment);
        c.leaveOrganization();
        c.leaveSegment();
        c.addressAs(null);
        assertThat(c.organizationId()).isNull();
        assertThat(c.segmentId()).isNull();
        assertThat(c.formOfAddress()).isEmpty();
    }

    @Test
    void theViewGreetsByFormOfAddressElseByName() {
        var c = ann();
        assertThat(CustomerView.of(c, null, null).addressedAs()).isEqualTo("Ann Lee");
        c.addressAs("Ms Lee");
        var view = CustomerView.of(c, null, new CustomerView.SegmentRef(new SegmentId(UUID.randomUUID()), "VIP"));
        assertThat(view.addressedAs()).isEqualTo("Ms Lee");
        assertThat(view.organizationName()).isNull();
        assertThat(view.segmentName()).isEqualTo("VIP");
    }

    @Test
    void anAddressBelongsToTheDomainAfterItsLastAt() {
        assertThat(Customer.domainOf("\"a@b\"@Acme.Example")).isEqualTo("acme.example");
    }
}
