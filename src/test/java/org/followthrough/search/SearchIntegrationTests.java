package org.followthrough.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseSearch;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class SearchIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseSearch cases;

    @Autowired
    CustomerDesk customerDesk;

    @Autowired
    CustomerQueries customers;

    @Autowired
    JdbcClient db;

    @Autowired
    TransactionTemplate transactions;

    /** A made-up word of letters only, so only this test's data has it or anything like it. */
    private static String word() {
        var random = new Random();
        var letters = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    /** The word with two letters in its middle swapped, as fast typing does. */
    private static String typo(String word) {
        var chars = word.toCharArray();
        if (chars[6] == chars[7]) {
            chars[6] = chars[6] == 'a' ? 'b' : 'a';
        } else {
            var swap = chars[6];
            chars[6] = chars[7];
            chars[7] = swap;
        }
        return new String(chars);
    }

    @Test
    void aMistypedWordFindsTheCaseBySubjectAndTheCustomerByTheirName() {
        var word = word();
        var c = fixtures.aCase().about("Boiler " + word + " loses pressure").open();
        var customer = customerDesk.create(
                CustomerDetails.named("Margarethe Annabel " + word + " Okonkwo", null), Actor.SYSTEM);

        assertThat(cases.search(typo(word), CaseAccess.Scope.SYSTEM, 10))
                .as("full text finds nothing for the typo; the subject's trigrams do")
                .singleElement()
                .satisfies(hit -> {
                    assertThat(hit.supportCase().id()).isEqualTo(c.id());
                    assertThat(hit.snippetHtml()).contains(word);
                });
        assertThat(customers.search(typo(word), 10))
                .as("one mistyped word of a long name")
                .extracting(CustomerView::id)
                .containsExactly(customer.id());
        // The right word is found by full text, and the guess does not run.
        assertThat(cases.search(word, CaseAccess.Scope.SYSTEM, 10))
                .singleElement()
                .satisfies(hit -> assertThat(hit.snippetHtml()).contains("<mark>"));
    }

    @Test
    void theTypoFallbackReadsTheTrigramIndexNotTheWholeTable() {
        var plan = transactions.execute(status -> {
            db.sql("set local enable_seqscan = off").update();
            return String.join(
                    "\n",
                    db.sql("explain select c.id from support_case c where :q <% c.subject")
                            .param("q", "boilre")
                            .query(String.class)
                            .list());
        });
        assertThat(plan).contains("support_case_subject_trgm");
    }

    @Test
    void aCaseNumberInTheSearchBoxOpensThatCase() {
        var agent = ConsoleClient.signedIn(port, fixtures.agent(Role.AGENT));
        var c = fixtures.aCase().open();
        for (var q : new String[] {"%23" + c.number(), String.valueOf(c.number()), "+%23" + c.number() + "+"}) {
            var response = agent.get("/search?q=" + q);
            assertThat(response.statusCode()).as(q).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .as(q)
                    .endsWith("/cases/" + c.number());
        }
        var none = agent.get("/search?q=%23987654321");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("No cases match");
    }
}
