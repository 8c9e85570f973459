package org.followthrough.customer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.Role;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The customer, organization and segment pages, as agents and admins use them. */
@IntegrationTest
class CustomerConsoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CustomerQueries queries;

    private static Map<String, String> customerForm(String name, String emails, String phones) {
        var form = new HashMap<String, String>();
        form.put("name", name);
        form.put("formOfAddress", "");
        form.put("emails", emails);
        form.put("phones", phones);
        form.put("language", "en");
        form.put("timeZone", "Europe/Berlin");
        form.put("preferredChannel", "PHONE");
        form.put("organizationId", "");
        form.put("segmentId", "");
        form.put("notes", "Prefers mornings");
        return form;
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void anAgentCreatesAndChangesACustomerFromTheForm() {
        var console = ConsoleClient.signedIn(port, fixtures.agent(Role.AGENT));
        console.get("/customers/new");
        var word = Fixtures.unique("formed").replace("-", "");
        var email = word + "@example.org";
        var page = location(console.post(
                "/customers",
                customerForm("Greta " + word, email + "\n" + word + "@work.example", "+49 30 1234567 mobile")));
        var created = queries.findByEmail(email).orElseThrow();
        assertThat(page).isEqualTo("/customers/" + created.id());
        assertThat(created.emails()).containsExactly(email, word + "@work.example");
        assertThat(created.phones())
                .extracting(p -> p.number() + "/" + p.label())
                .containsExactly("+49 30 1234567/mobile");
        assertThat(created.timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(console.get(page).body()).contains("Greta " + word, email, "+49 30 1234567", "Prefers mornings");
        assertThat(console.get("/customers?q=" + word).body()).contains("Greta " + word);

        var changed = customerForm("Greta " + word + " Lind", word + "@work.example", "");
        assertThat(location(console.post("/customers/" + created.id(), changed)))
                .isEqualTo(page);
        var after = queries.get(created.id());
        assertThat(after.name()).isEqualTo("Greta " + word + " Lind");
        assertThat(after.emails()).containsExactly(word + "@work.example");
        assertThat(after.phones()).isEmpty();
        assertThat(queries.findByEmail(email)).isEmpty();
    }

    @Test
    void aRefusedCustomerFormComesBackAsTypedWithTheReason() {
        var console = ConsoleClient.signedIn(port, fixtures.agent(Role.AGENT));
        var taken = fixtures.customer();
        console.get("/customers/new");
        var response = console.post("/customers", customerForm("Copycat", taken.primaryEmail(), ""));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("already exists", "Copycat");
        var badPhone = console.post("/customers", customerForm("Phoney", "", "call me"));
        assertThat(badPhone.statusCode()).isEqualTo(200);
        assertThat(badPhone.body()).contains("must be a phone number", "Phoney");
    }

    @Test
    void customersFromAnOrganizationsDomainJoinItAndItsSegment() {
        var admin = ConsoleClient.signedIn(port, fixtures.agent(Role.ADMIN));
        admin.get("/admin/segments");
        var segmentName = Fixtures.unique("Gold");
        assertThat(location(admin.post("/admin/segments", Map.of("name", segmentName, "description", "Top tier"))))
                .isEqualTo("/admin/segments");
        var twice = admin.post("/admin/segments", Map.of("name", segmentName.toUpperCase(), "description", ""));
        assertThat(twice.body()).contains("already exists");
        var segment = queries.findSegmentByName(segmentName).orElseThrow();

        admin.get("/organizations/new");
        var domain = Fixtures.unique("nordwind").toLowerCase() + ".example";
        var organizationPage = location(admin.post(
                "/organizations",
                Map.of(
                        "name",
                        "Nordwind",
                        "domains",
                        domain.toUpperCase(),
                        "notes",
                        "",
                        "segmentId",
                        segment.id().toString())));
        var organization = queries.findOrganizationByDomain(domain).orElseThrow();
        assertThat(organizationPage).isEqualTo("/organizations/" + organization.id());
        assertThat(organization.segmentName()).isEqualTo(segmentName);

        var member = location(admin.post("/customers", customerForm("Ola Nord", "ola@" + domain, "")));
        var ola = queries.findByEmail("ola@" + domain).orElseThrow();
        assertThat(member).isEqualTo("/customers/" + ola.id());
        assertThat(ola.organizationName()).isEqualTo("Nordwind");
        assertThat(ola.segmentName()).isEqualTo(segmentName);
        assertThat(admin.get(organizationPage).body()).contains("Ola Nord", domain);

        var renamed = admin.post(
                "/organizations/" + organization.id(),
                Map.of("name", "Nordwind AS", "domains", domain + ", bad domain", "notes", "", "segmentId", ""));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.body()).contains("is not a domain name");
        assertThat(queries.getOrganization(organization.id()).name()).isEqualTo("Nordwind");
        location(admin.post(
                "/organizations/" + organization.id(),
                Map.of("name", "Nordwind AS", "domains", domain, "notes", "", "segmentId", "")));
        var after = queries.getOrganization(organization.id());
        assertThat(after.name()).isEqualTo("Nordwind AS");
        assertThat(after.segmentId()).isNull();
    }
}
