package org.followthrough.testing;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Priority;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.ApiTokens;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Small builders for test data through the real services. Every name is unique, so tests sharing
 * one database never see each other's rows by accident.
 */
@Component
public class Fixtures {

    public static final String PASSWORD = "test-password-1";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final ApiTokens tokens;
    private final CustomerDesk customers;
    private final CaseDesk desk;
    private final JdbcClient db;

    Fixtures(
            AgentDesk agents,
            AgentQueries agentQueries,
            ApiTokens tokens,
            CustomerDesk customers,
            CaseDesk desk,
            JdbcClient db) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.tokens = tokens;
        this.customers = customers;
        this.desk = desk;
        this.db = db;
    }

    /**
     * Switches every mailbox off and stops its polling: tests share one database, and a later test
     * that fires due timers must not poll the mailboxes (some pointing nowhere) an earlier one made.
     */
    public void quietMailboxes() {
        db.sql("update mailbox set active = false").update();
        db.sql("delete from timer where kind = 'mail.poll'").update();
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    public AgentView agent(Role role) {
        var name = unique(role.name().toLowerCase());
        return agents.create(
                name + "@test.example", "Agent " + name, role, ZoneId.of("Europe/Berlin"), PASSWORD, Actor.SYSTEM);
    }

    public static SignedInAgent signedIn(AgentView agent) {
        return new SignedInAgent(
                agent.id(),
                agent.email(),
                agent.displayName(),
                agent.role(),
                agent.timeZone().getId());
    }

    /** A new team with these members. */
    public TeamId team(AgentView... members) {
        var team = agents.createTeam(unique("team"), Actor.SYSTEM);
        agents.setMembers(team.id(), Arrays.stream(members).map(AgentView::id).toList(), Actor.SYSTEM);
        return team.id();
    }

    public String tokenFor(AgentView agent) {
        return tokens.issue(unique("token"), agent.id(), agent.id()).secret();
    }

    /** An API client that calls as this agent, with a new token of theirs. */
    public ApiClient api(int port, AgentView agent) {
        return ApiClient.withToken(port, tokenFor(agent));
    }

    /** Ann and Bob (agents) and Sue (their supervisor) in one team, and a case of the team that Ann owns. */
    public record TeamCase(AgentView ann, AgentView bob, AgentView sue, TeamId team, CaseView escrow) {}

    /** {@link TeamCase}, its case made as {@code details} says. */
    public TeamCase annOwnsACaseInHerTeam(UnaryOperator<CaseBuilder> details) {
        var ann = agent(Role.AGENT);
        var bob = agent(Role.AGENT);
        var sue = agent(Role.SUPERVISOR);
        var team = team(ann, bob, sue);
        var escrow = details.apply(aCase()).ownedBy(ann).inTeam(team).open();
        return new TeamCase(ann, bob, sue, team, escrow);
    }

    public CustomerView customer() {
        var name = unique("customer");
        return customers.create(CustomerDetails.named("Customer " + name, name + "@customer.example"), Actor.SYSTEM);
    }

    public CaseBuilder aCase() {
        return new CaseBuilder();
    }

    /** {@code fixtures.aCase().ownedBy(ann).about("Refund").open()} */
    public class CaseBuilder {
        private CustomerView customer;
        private AgentId owner;
        private TeamId team;
        private String subject = "Something is wrong " + SEQUENCE.incrementAndGet();
        private String body = "Please help.";
        private Priority priority = Priority.NORMAL;
        private Set<String> tags = Set.of();

        public CaseBuilder of(CustomerView customer) {
            this.customer = customer;
            return this;
        }

        public CaseBuilder ownedBy(AgentView agent) {
            this.owner = agent.id();
            return this;
        }

        public CaseBuilder inTeam(TeamId team) {
            this.team = team;
            return this;
        }

        public CaseBuilder about(String subject) {
            this.subject = subject;
            return this;
        }

        public CaseBuilder saying(String body) {
            this.body = body;
            return this;
        }

        public CaseBuilder withPriority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public CaseBuilder tagged(String... tags) {
            this.tags = Set.of(tags);
            return this;
        }

        public CaseView open() {
            var who = customer == null ? customer() : customer;
            return desk.open(
                    new CaseDesk.OpenCase(who.id(), subject, body, Channel.EMAIL, priority, team, owner, tags),
                    Actor.SYSTEM);
        }
    }
}
