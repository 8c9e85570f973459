package org.followthrough.demo;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.followthrough.customer.ContactChannel;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.customer.Phone;
import org.followthrough.customer.SegmentId;
import org.followthrough.customer.SegmentView;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Actor;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The people of the demo desk: its teams and agents, and the customers they serve, with what the
 * team has learned about each. Finds what an interrupted earlier run already created.
 */
@Component
@Profile("demo")
class DemoPeople {

    static final String PASSWORD = "followthrough";
    static final String BILLING = "Billing & Accounts";
    static final String DEVICES = "Devices & Orders";

    static final String ESCROW_CUSTOMER = "peggy.donnelly@example.net";
    static final String VIP_CUSTOMER = "eleanor.ashcombe@example.co.uk";
    static final String VIP_OWNER = "claire@example.com";

    /** A demo sign-in: who they are, where they work from and in which teams. */
    record DemoAgent(String email, String name, Role role, String timeZone, List<String> teams) {}

    static final List<DemoAgent> ROSTER = List.of(
            new DemoAgent(
                    "dana@example.com",
                    "Dana Whitfield",
                    Role.SUPERVISOR,
                    "America/Chicago",
                    List.of(BILLING, DEVICES)),
            new DemoAgent("priya@example.com", "Priya Raman", Role.AGENT, "America/New_York", List.of(BILLING)),
            new DemoAgent("marcus@example.com", "Marcus Bell", Role.AGENT, "America/Chicago", List.of(BILLING)),
            new DemoAgent("noah@example.com", "Noah Fischer", Role.AGENT, "America/Denver", List.of(BILLING)),
            new DemoAgent("sofia@example.com", "Sofía Herrera", Role.AGENT, "Europe/Madrid", List.of(DEVICES)),
            new DemoAgent(VIP_OWNER, "Claire Dubois", Role.AGENT, "Europe/London", List.of(DEVICES)));

    /** Everyone the cases need, found or created. */
    record Cast(
            TeamView billing,
            TeamView devices,
            SignedInAgent dana,
            SignedInAgent priya,
            SignedInAgent marcus,
            SignedInAgent noah,
            SignedInAgent sofia,
            SignedInAgent claire,
            Map<String, CustomerView> customers) {

        CustomerView customer(String key) {
            var customer = customers.get(key);
            if (customer == null) {
                throw new IllegalArgumentException("No demo customer " + key);
            }
            return customer;
        }
    }

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final CustomerQueries customers;
    private final CustomerDesk customerDesk;

    DemoPeople(AgentDesk agents, AgentQueries agentQueries, CustomerQueries customers, CustomerDesk customerDesk) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.customers = customers;
        this.customerDesk = customerDesk;
    }

    Cast gather(Replay replay, Actor admin) {
        var setUp = replay.daysAgo(120, "10:00");
        var billing = replay.at(setUp, () -> team(BILLING));
        var devices = replay.at(setUp, () -> team(DEVICES));
        var signIns = new LinkedHashMap<String, SignedInAgent>();
        for (var demo : ROSTER) {
            var agent = replay.at(setUp, () -> agent(demo));
            signIns.put(demo.email(), signedIn(agent));
        }
        var everyday = replay.at(
                setUp,
                () -> segment(
                        "Everyday",
                        "Everyday goods and accounts. What counts: zero defects, promises that are accurate, and speed."
                                + " Say what we will do, then do it.",
                        admin));
        var premium = replay.at(
                setUp,
                () -> segment(
                        "Premium",
                        "Members and business accounts. One owner per problem, a call-back when we said, and a named"
                                + " contact who knows the history.",
                        admin));
        var luxury = replay.at(
                setUp,
                () -> segment(
                        "Luxury / VIP",
                        "Every client has a named personal owner. What counts: being remembered, emotion, and the"
                                + " small surprise: a check-in call after a purchase, a handwritten card.",
                        admin));
        replay.at(setUp, () -> organizations(everyday.id(), premium.id(), luxury.id(), admin));
        var people = new LinkedHashMap<String, CustomerView>();
        var segments = Map.of("everyday", everyday.id(), "premium", premium.id(), "luxury", luxury.id());
        int i = 0;
        for (var row : CUSTOMERS) {
            // Customers joined over the past year or so, long before the weeks the cases cover.
            var joined = replay.daysAgo(70 + (i++ * 37) % 330, "12:00");
            people.put(row.key(), replay.at(joined, () -> customer(row, segments)));
        }
        return new Cast(
                billing,
                devices,
                signIns.get("dana@example.com"),
                signIns.get("priya@example.com"),
                signIns.get("marcus@example.com"),
                signIns.get("noah@example.com"),
                signIns.get("sofia@example.com"),
                signIns.get(VIP_OWNER),
                people);
    }

    private TeamView team(String name) {
        return agentQueries.findTeamByName(name).orElseGet(() -> agents.createTeam(name, Actor.SYSTEM));
    }

    private AgentView agent(DemoAgent demo) {
        var agent = agentQueries
                .findByEmail(demo.email())
                .orElseGet(() -> agents.create(
                        demo.email(), demo.name(), demo.role(), ZoneId.of(demo.timeZone()), PASSWORD, Actor.SYSTEM));
        for (var teamName : demo.teams()) {
            agents.join(team(teamName).id(), agent.id(), Actor.SYSTEM);
        }
        return agent;
    }

    private static SignedInAgent signedIn(AgentView agent) {
        return new SignedInAgent(
                agent.id(),
                agent.email(),
                agent.displayName(),
                agent.role(),
                agent.timeZone().getId());
    }

    private SegmentView segment(String name, String description, Actor admin) {
        return customers.findSegmentByName(name).orElseGet(() -> customerDesk.createSegment(name, description, admin));
    }

    private Void organizations(SegmentId everyday, SegmentId premium, SegmentId luxury, Actor admin) {
        organization(
                "Cedar Ridge Dental",
                List.of("cedarridgedental.example"),
                "Three-chair practice. Karen Lowe orders all devices; Dr. Shah signs off on anything over $2,000."
                        + " Closed Fridays.",
                premium,
                admin);
        organization(
                "Pellucid Analytics",
                List.of("pellucid.example", "pellucid-analytics.example"),
                "Orders team lunches and client dinners through us most weeks. Ben Adeyemi is the contact;"
                        + " invoices go to accounts@pellucid.example.",
                premium,
                admin);
        organization(
                "Okafor & Lane LLP",
                List.of("okaforlane.example"),
                "Law firm, 14 staff. Wants invoices in the firm's legal name and everything in writing.",
                premium,
                admin);
        organization(
                "Brightwater Property Management",
                List.of("brightwaterpm.example"),
                "Manages about 60 rental units. Buys thermostats and locks in bulk; installations go through our"
                        + " partner Quickfit.",
                everyday,
                admin);
        organization(
                "Maison Verrier",
                List.of("maisonverrier.example"),
                "Private family office. Clients are introduced by Claire Dubois; treat every contact as a"
                        + " Luxury / VIP one.",
                luxury,
                admin);
        return null;
    }

    private void organization(String name, List<String> domains, String notes, SegmentId segment, Actor admin) {
        if (customers.findOrganizationByDomain(domains.getFirst()).isEmpty()) {
            customerDesk.createOrganization(name, domains, notes, segment, admin);
        }
    }

    private CustomerView customer(Row row, Map<String, SegmentId> segments) {
        return customers
                .findByEmail(row.email())
                .orElseGet(() -> customerDesk.create(
                        new CustomerDetails(
                                row.name(),
                                List.of(row.email()),
                                row.phones(),
                                row.language(),
                                row.timeZone(),
                                row.channel(),
                                row.formOfAddress(),
                                row.notes(),
                                null,
                                row.segment() == null ? null : segments.get(row.segment()),
                                false,
                                false),
                        Actor.SYSTEM));
    }

    /** One customer as the team knows them. A null segment means: the organization's, by email domain. */
    private record Row(
            String key,
            String name,
            String email,
            List<Phone> phones,
            String language,
            String timeZone,
            ContactChannel channel,
            String formOfAddress,
            String segment,
            String notes) {}

    private static Row person(
            String key,
            String name,
            String email,
            String language,
            String timeZone,
            ContactChannel channel,
            String formOfAddress,
            String segment,
            String notes,
            String... phones) {
        var numbers = Arrays.stream(phones)
                .map(p -> {
                    var parts = p.split("=", 2);
                    return new Phone(parts[1], parts[0]);
                })
                .toList();
        return new Row(key, name, email, numbers, language, timeZone, channel, formOfAddress, segment, notes);
    }

    static final List<Row> CUSTOMERS = List.of(
            person(
                    "donnelly",
                    "Margaret Donnelly",
                    ESCROW_CUSTOMER,
                    "en",
                    "America/Chicago",
                    ContactChannel.PHONE,
                    "Mrs. Donnelly",
                    "everyday",
                    """
                    Mortgage with us since 2011, loan ending 4471. Escrow covers Cook County property tax and \
                    homeowners insurance. Goes by Peggy once you know her. Prefers a call in the afternoon; her \
                    husband Frank is authorised on the account and sometimes calls for her. Retired teacher and \
                    endlessly polite: do not mistake patience for it being fine.""",
                    "home=+1 312 555 0142",
                    "mobile=+1 312 555 0177"),
            person(
                    "osei",
                    "Daniel Osei",
                    "daniel.osei@example.com",
                    "en",
                    "America/New_York",
                    ContactChannel.EMAIL,
                    "Daniel",
                    "everyday",
                    "Works night shifts as a paramedic: email only, short and straight answers. Bought an Aster 12"
                            + " phone in the spring sale.",
                    "mobile=+1 646 555 0119"),
            person(
                    "castillo",
                    "Renee Castillo",
                    "renee.castillo@example.com",
                    "en",
                    "America/Los_Angeles",
                    ContactChannel.CHAT,
                    "Renee",
                    "premium",
                    "Orders dinner from Lantern Street Kitchen through us most Fridays. Vegetarian, partner is"
                            + " vegan. Celebrates the small things; remembers how she was treated more than what"
                            + " went wrong.",
                    "mobile=+1 415 555 0163"),
            person(
                    "ashcombe",
                    "Eleanor Ashcombe",
                    VIP_CUSTOMER,
                    "en-GB",
                    "Europe/London",
                    ContactChannel.PHONE,
                    "Mrs. Ashcombe",
                    "luxury",
                    """
                    Personal owner: Claire Dubois. Bought the Meridian perpetual calendar (engraved "R. — forty \
                    years") as a ruby-anniversary gift for her husband Richard, anniversary 14 June. What she \
                    values: being remembered without having to explain herself again; a call from Claire, never a \
                    ticket number; discretion (never call the house about gifts, Richard may answer). Calls after \
                    10:00 UK time. Writes handwritten thank-you notes: answer with a card, not an email.""",
                    "mobile=+44 7700 900418",
                    "home=+44 20 7946 0321"),
            person(
                    "tanaka",
                    "Hiroshi Tanaka",
                    "h.tanaka@example.jp",
                    "en",
                    "Asia/Tokyo",
                    ContactChannel.EMAIL,
                    "Mr. Tanaka",
                    "luxury",
                    "Personal owner: Claire Dubois. Collector, owns three Meridian pieces. Writes precise English"
                            + " and appreciates exact detail: dates, courier names, reference numbers. Never"
                            + " rush him.",
                    "mobile=+81 90 5550 1234"),
            person(
                    "whitman",
                    "Gary Whitman",
                    "gary.whitman@example.com",
                    "en",
                    "America/Phoenix",
                    ContactChannel.EMAIL,
                    "Gary",
                    "everyday",
                    "Annual membership plus store card. Very friendly, always thanks the agent by name. Keeps"
                            + " his statements and checks them line by line.",
                    "mobile=+1 602 555 0188"),
            person(
                    "lowe",
                    "Karen Lowe",
                    "karen.lowe@cedarridgedental.example",
                    "en",
                    "America/Chicago",
                    ContactChannel.EMAIL,
                    "Karen",
                    null,
                    "Office manager at Cedar Ridge Dental. Needs answers before 3 pm, when patients start again.",
                    "office=+1 773 555 0120"),
            person(
                    "shah",
                    "Dr. Anita Shah",
                    "anita.shah@cedarridgedental.example",
                    "en",
                    "America/Chicago",
                    ContactChannel.EMAIL,
                    "Dr. Shah",
                    null,
                    "Owner of the practice. Only involve her for approvals; Karen runs the day to day.",
                    "office=+1 773 555 0121"),
            person(
                    "adeyemi",
                    "Ben Adeyemi",
                    "ben@pellucid.example",
                    "en",
                    "America/New_York",
                    ContactChannel.EMAIL,
                    "Ben",
                    null,
                    "Office operations at Pellucid. Orders for 20 to 40 people; one gluten-free and two"
                            + " vegetarian meals every time, labelled.",
                    "office=+1 212 555 0134"),
            person(
                    "lin",
                    "Mei Lin",
                    "mei.lin@pellucid.example",
                    "en",
                    "America/New_York",
                    ContactChannel.CHAT,
                    "Mei",
                    null,
                    "Finance at Pellucid; asks for invoices and receipts.",
                    "office=+1 212 555 0135"),
            person(
                    "lane",
                    "Grace Lane",
                    "grace.lane@okaforlane.example",
                    "en",
                    "America/New_York",
                    ContactChannel.EMAIL,
                    "Ms. Lane",
                    null,
                    "Managing partner. Everything in writing, please; she forwards our emails to her bookkeeper.",
                    "office=+1 617 555 0150"),
            person(
                    "ortega",
                    "Luis Ortega",
                    "luis.ortega@brightwaterpm.example",
                    "en",
                    "America/Denver",
                    ContactChannel.PHONE,
                    "Luis",
                    null,
                    "Maintenance lead. Usually on site: call his mobile, texts are fine too.",
                    "mobile=+1 720 555 0171"),
            person(
                    "ruiz",
                    "Carmen Ruiz",
                    "carmen.ruiz@example.es",
                    "es",
                    "Europe/Madrid",
                    ContactChannel.EMAIL,
                    "Sra. Ruiz",
                    "everyday",
                    "Prefiere español. Compra regalos para sus nietos; siempre con prisa antes de fechas"
                            + " señaladas.",
                    "mobile=+34 600 555 014"),
            person(
                    "zhang",
                    "Wei Zhang",
                    "wei.zhang@example.com",
                    "en",
                    "America/Los_Angeles",
                    ContactChannel.CHAT,
                    "Wei",
                    "everyday",
                    "Prefers chat; replies within minutes during the day.",
                    "mobile=+1 408 555 0102"),
            person(
                    "alsayed",
                    "Fatima Al-Sayed",
                    "fatima.alsayed@example.com",
                    "en",
                    "America/New_York",
                    ContactChannel.EMAIL,
                    "Dr. Al-Sayed",
                    "premium",
                    "Surgeon; reachable only early morning or late evening. Values being told the real date,"
                            + " not the hopeful one.",
                    "mobile=+1 917 555 0145"),
            person(
                    "brennan",
                    "Tom Brennan",
                    "tom.brennan@example.net",
                    "en",
                    "America/Chicago",
                    ContactChannel.PHONE,
                    "Mr. Brennan",
                    "everyday",
                    "Hard of hearing: speak slowly on calls, and confirm anything important by email as well.",
                    "home=+1 708 555 0166"),
            person(
                    "martin",
                    "Olivia Martin",
                    "olivia.martin@example.co.uk",
                    "en-GB",
                    "Europe/London",
                    ContactChannel.PORTAL,
                    "Olivia",
                    "everyday",
                    "Uses the portal for everything, reads it on her lunch break.",
                    "mobile=+44 7700 900127"),
            person(
                    "kowalski",
                    "Nadia Kowalski",
                    "nadia.kowalski@example.pl",
                    "pl",
                    "Europe/Warsaw",
                    ContactChannel.EMAIL,
                    "Nadia",
                    "everyday",
                    "Writes in English, happier reading Polish. Sofía knows the order history.",
                    "mobile=+48 500 555 013"),
            person(
                    "jensen",
                    "Samuel Jensen",
                    "sam.jensen@example.com",
                    "en",
                    "America/Denver",
                    ContactChannel.EMAIL,
                    "Sam",
                    "everyday",
                    "",
                    "mobile=+1 303 555 0111"),
            person(
                    "bello",
                    "Aisha Bello",
                    "aisha.bello@example.co.uk",
                    "en-GB",
                    "Europe/London",
                    ContactChannel.CHAT,
                    "Aisha",
                    "everyday",
                    "Student; watches every penny, so be exact about refunds and when they land.",
                    "mobile=+44 7700 900552"),
            person(
                    "chen",
                    "Robert Chen",
                    "robert.chen@example.com",
                    "en",
                    "America/Los_Angeles",
                    ContactChannel.PHONE,
                    "Mr. Chen",
                    "premium",
                    "Member for nine years. Hates being transferred; wants one person to handle it end to end.",
                    "mobile=+1 310 555 0159",
                    "office=+1 310 555 0190"),
            person(
                    "schmidt",
                    "Hannah Schmidt",
                    "hannah.schmidt@example.de",
                    "de",
                    "Europe/Berlin",
                    ContactChannel.EMAIL,
                    "Frau Schmidt",
                    "everyday",
                    "Writes formally; answer in kind. Needs invoices with VAT shown for her small business.",
                    "office=+49 30 5555 0182"),
            person(
                    "oconnor",
                    "Kevin O'Connor",
                    "kevin.oconnor@example.com",
                    "en",
                    "America/New_York",
                    ContactChannel.EMAIL,
                    "Kevin",
                    "everyday",
                    "",
                    "mobile=+1 617 555 0104"),
            person(
                    "rossi",
                    "Giulia Rossi",
                    "giulia.rossi@example.it",
                    "it",
                    "Europe/Rome",
                    ContactChannel.EMAIL,
                    "Giulia",
                    "premium",
                    "Designer, buys devices for her studio. Cares about how things look when they arrive:"
                            + " packaging matters to her.",
                    "mobile=+39 320 555 0147"),
            person(
                    "holloway",
                    "Derek Holloway",
                    "derek.holloway@example.net",
                    "en",
                    "America/Chicago",
                    ContactChannel.PHONE,
                    "Derek",
                    "everyday",
                    "Calls from the road (truck driver). Best reached Saturday mornings.",
                    "mobile=+1 312 555 0193"),
            person(
                    "novak",
                    "Emma Novak",
                    "emma.novak@example.com",
                    "en",
                    "America/Chicago",
                    ContactChannel.EMAIL,
                    "Emma",
                    "premium",
                    "Runs a bakery; mornings are impossible, afternoons are fine.",
                    "mobile=+1 312 555 0128"),
            person(
                    "moreau",
                    "Lucas Moreau",
                    "lucas.moreau@example.fr",
                    "fr",
                    "Europe/Paris",
                    ContactChannel.EMAIL,
                    "M. Moreau",
                    "everyday",
                    "Écrit en anglais, mais un mot en français fait plaisir.",
                    "mobile=+33 6 55 50 12 34"),
            person(
                    "gomez",
                    "Patricia Gomez",
                    "patricia.gomez@example.com",
                    "en",
                    "America/Phoenix",
                    ContactChannel.PHONE,
                    "Patricia",
                    "everyday",
                    "Cares for her mother; often calls in a hurry. Offer a call-back rather than a hold.",
                    "mobile=+1 480 555 0175"),
            person(
                    "verrier",
                    "Antoine Verrier",
                    "antoine@maisonverrier.example",
                    "fr",
                    "Europe/Paris",
                    ContactChannel.PHONE,
                    "M. Verrier",
                    null,
                    "Personal owner: Claire Dubois. Buys gifts for the family's clients; wants them delivered by"
                            + " hand, never by post.",
                    "office=+33 1 55 50 00 42"),
            person(
                    "park",
                    "Jin Park",
                    "jin.park@example.com",
                    "ko",
                    "Asia/Seoul",
                    ContactChannel.EMAIL,
                    "Jin",
                    "everyday",
                    "",
                    "mobile=+82 10 5550 1122"));
}
