package org.followthrough.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class OrganizationTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Organization acme() {
        return Organization.register(
                new OrganizationId(UUID.randomUUID()),
                " Acme ",
                Arrays.asList(" Acme.Example ", "", null, "acme.example", "acme-shop.example"),
                " Big account ",
                null,
                NOW);
    }

    @Test
    void domainsAreKeptInLowerCaseOnceEachAndBlanksAreDropped() {
        var acme = acme();
        assertThat(acme.name()).isEqualTo("Acme");
        assertThat(acme.domains()).containsExactly("acme.example", "acme-shop.example");
        assertThat(acme.notes()).isEqualTo("Big account");
        assertThat(acme.createdAt()).isEqualTo(NOW);
    }

    @Test
    void aRevisionThatBreaksARuleIsRefusedAndChangesNothing() {
        var acme = acme();
        assertThatThrownBy(() -> acme.revise("Acme", List.of("not a domain"), "", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a domain is not a domain name")
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("domains");
        assertThatThrownBy(() -> acme.revise(" ", List.of(), "", null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("name");
        assertThat(acme.name()).isEqualTo("Acme");
        assertThat(acme.domains()).containsExactly("acme.example", "acme-shop.example");
    }

    @Test
    void aRevisionReplacesNameDomainsNotesAndSegment() {
        var acme = acme();
        var vip = new SegmentId(UUID.randomUUID());
        acme.revise("Acme Corp", null, null, vip);
        assertThat(acme.name()).isEqualTo("Acme Corp");
        assertThat(acme.domains()).isEmpty();
        assertThat(acme.notes()).isEmpty();
        assertThat(acme.segmentId()).isEqualTo(vip);
        acme.revise("Acme Corp", List.of("acme.example"), "", null);
        assertThat(acme.segmentId()).isNull();
    }
}
