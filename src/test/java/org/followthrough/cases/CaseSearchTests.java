package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseSearchTests {

    @Test
    void highlightingEscapesTheTextAndMarksOnlyTheMatches() {
        var snippet = "<script>alert(1)</script> the \u0002escrow\u0003 account";
        assertThat(CaseSearch.highlighted(snippet))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; the <mark>escrow</mark> account");
    }
}
