package org.followthrough.macros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.followthrough.calendar.BusinessCalendar;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.macros.MacroActions.MacroPromise;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class MacroTests {

    private static final Instant NOW = Instant.parse("2026-12-04T15:30:00Z"); // a Friday, 16:30 in Berlin
    private static final BusinessCalendar BERLIN = BusinessCalendar.standard(ZoneId.of("Europe/Berlin"));

    @Test
    void placeholdersAreFilledFromTheCaseAndUnknownOnesAreRefusedNamingTheField() {
        var text = "Hello {{customer.first_name}}, about case #{{ case.number }}: {{agent.first_name}} here.";
        assertThat(Placeholders.fill(
                        text,
                        Map.of("customer.first_name", "Ingrid", "case.number", "1042", "agent.first_name", "Ann")))
                .isEqualTo("Hello Ingrid, about case #1042: Ann here.");
        assertThat(Placeholders.fill("Costs $5 {{team.name}}", Map.of("team.name", "Billing $1")))
                .isEqualTo("Costs $5 Billing $1");

        assertThatThrownBy(() -> new Macro.Content("Refund", "Hi {{custmer.name}}", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.getMessage()).contains("{{custmer.name}}").contains("{{customer.name}}");
                });
        assertThatThrownBy(() -> new MacroPromise("Refund for {{case.numbr}}", PromiseDue.parse("END_OF_TODAY")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("promiseDescription"));
    }

    @Test
    void aFirstNameIsTheFirstWordOfTheName() {
        assertThat(Placeholders.firstName("  Ingrid  Lopez ")).isEqualTo("Ingrid");
        assertThat(Placeholders.firstName("Cher")).isEqualTo("Cher");
        assertThat(Placeholders.firstName(null)).isEmpty();
    }

    @Test
    void dueRulesCountInTheTeamCalendar() {
        // Friday 16:30 in Berlin, office hours 9-17: today's end is 17:00; the next business day is Monday.
        assertThat(PromiseDue.parse("end_of_today").dueFrom(NOW, BERLIN))
                .isEqualTo(Instant.parse("2026-12-04T16:00:00Z"));
        assertThat(PromiseDue.parse("END_OF_NEXT_BUSINESS_DAY").dueFrom(NOW, BERLIN))
                .isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
        // Two business hours from Friday 16:30: half an hour on Friday, then 1.5 h on Monday from 9:00.
        assertThat(PromiseDue.parse("BUSINESS_HOURS:2").dueFrom(NOW, BERLIN))
                .isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
        assertThat(PromiseDue.parse("BUSINESS_DAYS:2").dueFrom(NOW, BERLIN))
                .isEqualTo(Instant.parse("2026-12-08T16:00:00Z"));
        assertThat(PromiseDue.parse("business_days: 3").toString()).isEqualTo("BUSINESS_DAYS:3");
    }

    @Test
    void badDueRulesAreRefusedNamingTheField() {
        for (var bad :
                new String[] {"", "SOON", "BUSINESS_DAYS", "BUSINESS_DAYS:x", "BUSINESS_DAYS:0", "BUSINESS_HOURS:201"
                }) {
            assertThatThrownBy(() -> PromiseDue.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("promiseDue"));
        }
        assertThatThrownBy(() -> MacroPromise.of("", "END_OF_TODAY"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("promiseDescription"));
        assertThat(MacroPromise.of(" ", null)).isNull();
    }

    @Test
    void actionsTakeOnlyTheStatusesAReplyMayLeaveAndTheOneTagRule() {
        assertThatThrownBy(() -> new MacroActions(CaseStatus.CLOSED, Set.of(), null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThat(new MacroActions(CaseStatus.RESOLVED, Set.of("Refund Approved", " billing"), null, null).addTags())
                .containsExactlyInAnyOrder("refund-approved", "billing");
        assertThatThrownBy(() -> new MacroActions(null, Set.of("no/slash"), null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"));
        assertThat(MacroActions.NONE.any()).isFalse();
    }

    @Test
    void anArchivedMacroIsNeitherUsedNorRevisedUntilRestored() {
        var macro = Macro.personal(
                new MacroId(UUID.randomUUID()),
                new AgentId(UUID.randomUUID()),
                new Macro.Content("Refund", "Hello {{customer.name}}", null),
                NOW);
        macro.archive(NOW);
        assertThat(macro.archived()).isTrue();
        assertThatThrownBy(macro::checkUsable).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> macro.revise(new Macro.Content("x", "y", null), null, NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> macro.archive(NOW)).isInstanceOf(IllegalTransitionException.class);
        macro.restore(NOW);
        macro.checkUsable();
        assertThatThrownBy(() -> macro.restore(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aPersonalMacroIsNotSharedWithATeam() {
        var macro = Macro.personal(
                new MacroId(UUID.randomUUID()),
                new AgentId(UUID.randomUUID()),
                new Macro.Content("Refund", "Hello", null),
                NOW);
        assertThatThrownBy(() ->
                        macro.revise(new Macro.Content("Refund", "Hello", null), new TeamId(UUID.randomUUID()), NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sharedWithTeamId"));
        assertThatThrownBy(() -> new Macro.Content(" ", "Hello", null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("title"));
    }
}
