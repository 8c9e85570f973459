package org.followthrough.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CallDirection;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.NotDelivered;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.AgentQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The desk that {@code spring-boot:run} shows. Its own context: the demo profile is on, and the
 * test clock is deliberately not imported, since history is replayed through the demo's own clock.
 */
@SpringBootTest
@ActiveProfiles({"test", "demo"})
class DemoDataIntegrationTests {

    @Autowired
    DemoData demoData;

    @Autowired
    CustomerQueries customers;

    @Autowired
    CaseQueries cases;

    @Autowired
    AgentQueries agents;

    @Autowired
    JdbcClient db;

    @Test
    void escrowCustomerContactedFourTimesAboutOneProblemAndFourAgentsAnswered() {
        var peggy = customers.findByEmail(DemoPeople.ESCROW_CUSTOMER).orElseThrow();
        var escrowCases = casesOf(peggy.id().value()).stream()
                .filter(c -> c.tags().contains("escrow"))
                .toList();
        var entries = escrowCases.stream()
                .flatMap(c -> cases.timeline(c.id()).stream())
                .toList();

        var contacts = entries.stream()
                .filter(e -> e.kind() == EntryKind.INBOUND
                        || (e.kind() == EntryKind.CALL && e.callDirection() == CallDirection.INBOUND))
                .count();
        var agentsWhoAnswered = entries.stream()
                .filter(e -> e.kind() == EntryKind.REPLY || e.kind() == EntryKind.CALL)
                .map(e -> e.author().name())
                .distinct()
                .count();

        assertThat(contacts).isGreaterThanOrEqualTo(4);
        assertThat(agentsWhoAnswered).isGreaterThanOrEqualTo(4);
        assertThat(entries)
                .extracting(TimelineEntry::body)
                .anySatisfy(b -> assertThat(b).contains("someone else's tax bill"));
    }

    @Test
    void repliesByEmailOnTheDemoDeskSayTheMailboxIsSwitchedOffAndNoneClaimsToHaveGoneOut() {
        var peggy = customers.findByEmail(DemoPeople.ESCROW_CUSTOMER).orElseThrow();
        var replies = casesOf(peggy.id().value()).stream()
                .flatMap(c -> cases.timeline(c.id()).stream())
                .filter(e -> e.kind() == EntryKind.REPLY)
                .toList();

        assertThat(replies)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.undelivered()).as(e.body()).isTrue());
        assertThat(replies)
                .filteredOn(e -> e.channel() == Channel.EMAIL)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.notDelivered()).isEqualTo(NotDelivered.MAILBOX_SWITCHED_OFF));
    }

    @Test
    void vipIsInTheLuxurySegmentAndEveryCaseHasTheirPersonalOwner() {
        var eleanor = customers.findByEmail(DemoPeople.VIP_CUSTOMER).orElseThrow();
        var owner = agents.findByEmail(DemoPeople.VIP_OWNER).orElseThrow();

        assertThat(eleanor.segmentName()).isEqualTo("Luxury / VIP");
        assertThat(eleanor.notes()).contains("Personal owner: " + owner.displayName());
        assertThat(casesOf(eleanor.id().value()))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(c -> assertThat(c.people().ownerId()).isEqualTo(owner.id()));
    }

    @Test
    void historySpansWeeksAndNothingLiesInTheFuture() {
        var now = Instant.now();
        var firstCase = db.sql("select min(created_at) from support_case")
                .query(Instant.class)
                .single();
        var lastEntry = db.sql("select max(created_at) from case_entry")
                .query(Instant.class)
                .single();
        var lastAudit = db.sql("select max(occurred_at) from audit_event where entity_type = 'case'")
                .query(Instant.class)
                .single();
        var casesPerWeek = db.sql("select count(distinct date_trunc('week', created_at)) from support_case")
                .query(Integer.class)
                .single();

        assertThat(firstCase).isBefore(now.minus(Duration.ofDays(28)));
        assertThat(lastEntry).isBefore(now);
        assertThat(lastAudit).isBefore(now);
        assertThat(casesPerWeek).isGreaterThanOrEqualTo(5);
    }

    @Test
    void casesAreInEveryStatusWithRealTimelines() {
        Map<String, Long> byStatus = db.sql("select status from support_case").query(String.class).list().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        var calls = db.sql("select count(*) from case_entry where kind = 'CALL' and call_duration_seconds > 0")
                .query(Long.class)
                .single();
        var customersWithNotes = db.sql("select count(*) from customer where notes <> ''")
                .query(Long.class)
                .single();

        assertThat(byStatus.keySet())
                .containsExactlyInAnyOrder(
                        List.of(CaseStatus.values()).stream().map(Enum::name).toArray(String[]::new));
        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(24);
        assertThat(calls).isGreaterThanOrEqualTo(10);
        assertThat(customersWithNotes).isGreaterThanOrEqualTo(20);
    }

    @Test
    void seedingAgainAddsNothing() {
        var before = counts();

        var seeded = demoData.seedIfEmpty();

        assertThat(seeded).isFalse();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void signInsNameEveryDemoAgent() {
        var box = DemoData.box("title", List.of(List.of("Email", "Role"), List.of("dana@example.com", "Supervisor")));

        assertThat(box).contains("| dana@example.com   Supervisor |");
        assertThat(DemoPeople.ROSTER)
                .allSatisfy(demo -> assertThat(agents.findByEmail(demo.email()))
                        .hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(demo.role())));
    }

    private List<CaseView> casesOf(UUID customer) {
        return cases.list(
                        new CaseQueries.Filter(null, null, null, null, customerId(customer), null),
                        CaseAccess.Scope.SYSTEM,
                        null,
                        100)
                .items();
    }

    private static CustomerId customerId(UUID id) {
        return new CustomerId(id);
    }

    private Map<String, Long> counts() {
        return Map.of(
                "agents", count("agent"),
                "customers", count("customer"),
                "cases", count("support_case"),
                "entries", count("case_entry"),
                "audit", count("audit_event"));
    }

    private long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }
}
