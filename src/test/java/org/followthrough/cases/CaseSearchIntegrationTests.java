package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class CaseSearchIntegrationTests {

    @Autowired
    CaseSearch search;

    @Autowired
    Fixtures fixtures;

    @Test
    void anOrderNumberIsFoundWithOrWithoutItsPrefix() {
        var number = String.valueOf(7_000_000 + (System.nanoTime() % 999_999));
        var c = fixtures.aCase()
                .about("Parcel never arrived")
                .saying("My order ORD-" + number + " was marked delivered but nothing came.")
                .open();
        assertThat(search.search(number, CaseAccess.Scope.SYSTEM, 10))
                .extracting(h -> h.supportCase().id())
                .contains(c.id());
        assertThat(search.search("ORD-" + number, CaseAccess.Scope.SYSTEM, 10))
                .extracting(h -> h.supportCase().id())
                .contains(c.id());
    }

    @Test
    void wordsAreStemmedRankedAndHighlightedAndACaseNumberGoesFirst() {
        var word = "quixotic" + Fixtures.unique("w").replaceAll("[^a-z]", "");
        var c = fixtures.aCase()
                .about("Refunds " + word)
                .saying("Nothing else.")
                .open();
        var hits = search.search(word + " refund", CaseAccess.Scope.SYSTEM, 10);
        assertThat(hits).first().satisfies(h -> {
            assertThat(h.supportCase().id()).isEqualTo(c.id());
            assertThat(h.snippetHtml()).contains("<mark>");
        });
        assertThat(search.search("#" + c.number(), CaseAccess.Scope.SYSTEM, 10))
                .first()
                .satisfies(h -> assertThat(h.supportCase().id()).isEqualTo(c.id()));
    }
}
