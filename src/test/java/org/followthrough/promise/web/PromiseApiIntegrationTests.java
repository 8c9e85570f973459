package org.followthrough.promise.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.cases.CaseView;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.TeamId;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class PromiseApiIntegrationTests {

    private static final String CALL_BACK = "Call back with the county's answer";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerRunner timers;

    AgentView ann;
    AgentView bob;
    AgentView sue;
    TeamId team;
    CaseView escrow;
    ApiClient asAnn;
    ApiClient asBob;
    ApiClient asSue;
    String promisesOfCase;

    @BeforeEach
    void annOwnsACaseInHerTeam() {
        var given = fixtures.annOwnsACaseInHerTeam(c -> c.about("Property tax unpaid from escrow"));
        ann = given.ann();
        bob = given.bob();
        sue = given.sue();
        team = given.team();
        escrow = given.escrow();
        asAnn = fixtures.api(port, ann);
        asBob = fixtures.api(port, bob);
        asSue = fixtures.api(port, sue);
        promisesOfCase = "/api/v1/cases/" + escrow.id() + "/promises";
    }

    /** Moves the shared clock forward to a whole second, so reminder arithmetic comes out exact. */
    private void clockOnAWholeSecond() {
        clock.set(clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }

    private static String encoded(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private Instant in(Duration duration) {
        return clock.instant().plus(duration).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<String, Object> promise(String description, Instant dueAt) {
        var body = new LinkedHashMap<String, Object>();
        body.put("description", description);
        body.put("dueAt", dueAt.toString());
        return body;
    }

    private String make(String description, Duration dueIn) {
        var made = asAnn.post(promisesOfCase, promise(description, in(dueIn)));
        assertThat(made.status()).isEqualTo(201);
        return made.text("id");
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.path(field).asString());
    }

    private static String promisePath(String id, String action) {
        return "/api/v1/promises/" + id + (action == null ? "" : "/" + action);
    }

    private static List<String> ids(ApiClient.Response page) {
        var ids = new ArrayList<String>();
        page.body().path("items").forEach(p -> ids.add(p.path("id").asString()));
        return ids;
    }

    @Test
    void makingAPromiseAnswers201WithItsLocationAndTheCaseOwnerAnswersForIt() {
        clockOnAWholeSecond();
        var dueAt = in(Duration.ofHours(8));

        var response = asAnn.post(promisesOfCase, promise(CALL_BACK, dueAt));

        assertThat(response.status()).isEqualTo(201);
        var id = response.text("id");
        assertThat(response.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/promises/" + id));
        var body = response.body();
        assertThat(response.text("caseId")).isEqualTo(escrow.id().toString());
        assertThat(body.path("caseNumber").asLong()).isEqualTo(escrow.number());
        assertThat(response.text("customerId"))
                .isEqualTo(escrow.people().customerId().toString());
        assertThat(response.text("description")).isEqualTo(CALL_BACK);
        assertThat(response.text("state")).isEqualTo("open");
        assertThat(instant(body, "dueAt")).isEqualTo(dueAt);
        assertThat(instant(body, "firstDueAt")).isEqualTo(dueAt);
        // A quarter of an eight-hour window: reminded two hours ahead.
        assertThat(instant(body, "remindAt")).isEqualTo(dueAt.minus(Duration.ofHours(2)));
        assertThat(response.text("ownerId")).isEqualTo(ann.id().toString());
        assertThat(response.text("ownerName")).isEqualTo(ann.displayName());
        assertThat(response.text("teamId")).isEqualTo(team.toString());
        assertThat(instant(body, "madeAt")).isEqualTo(clock.instant());
        assertThat(response.text("madeBy")).isEqualTo(ann.displayName());
        assertThat(body.path("renegotiations").asInt()).isZero();
        assertThat(body.path("keptOnTime").asBoolean()).isFalse();
        assertThat(body.has("keptAt")).isFalse();
        assertThat(body.has("brokenAt")).isFalse();
        assertThat(body.has("releasedAt")).isFalse();

        var read = asAnn.get("/api/v1/promises/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("description")).isEqualTo(CALL_BACK);
        assertThat(read.body().path("dueChanges").isArray()).isTrue();
        assertThat(read.body().path("dueChanges").size()).isZero();
    }

    @Test
    void theReminderTimeAnsweredWhenMakingAndRenegotiatingIsTheOneStored() {
        // A microsecond past the second: a quarter of the window is not a whole microsecond.
        clockOnAWholeSecond();
        clock.advance(Duration.ofNanos(1_000));
        var made = asAnn.post(promisesOfCase, promise(CALL_BACK, in(Duration.ofHours(8))));
        var id = made.text("id");

        assertThat(made.text("remindAt"))
                .isEqualTo(asAnn.get(promisePath(id, null)).text("remindAt"));

        var renegotiated = asAnn.post(
                promisePath(id, "renegotiate"),
                Map.of("dueAt", in(Duration.ofHours(12)).toString(), "message", "Tonight instead."));
        assertThat(renegotiated.text("remindAt"))
                .isEqualTo(asAnn.get(promisePath(id, null)).text("remindAt"));
    }

    @Test
    void aDueTimeWithAnOffsetIsTheSameInstantAndAnOwnerAndEntryMayBeNamed() {
        var reply = asAnn.post(
                "/api/v1/cases/" + escrow.id() + "/entries",
                Map.of("kind", "reply", "body", "I will call you back by Friday.", "recordUndelivered", true));
        var dueAt = in(Duration.ofDays(3));
        var body = promise(CALL_BACK, dueAt);
        body.put("dueAt", dueAt.atOffset(ZoneOffset.ofHours(2)).toString());
        body.put("ownerId", bob.id().toString());
        body.put("madeInEntryId", reply.text("id"));

        var response = asAnn.post(promisesOfCase, body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(instant(response.body(), "dueAt")).isEqualTo(dueAt);
        assertThat(response.text("ownerId")).isEqualTo(bob.id().toString());
        assertThat(response.text("ownerName")).isEqualTo(bob.displayName());
        assertThat(response.text("madeBy")).isEqualTo(ann.displayName());
        assertThat(response.text("madeInEntryId")).isEqualTo(reply.text("id"));
    }

    @Test
    void aCaseListsItsPromisesInTheOrderTheyWereMade() {
        var first = make("Send the county receipt", Duration.ofDays(2));
        clock.advance(Duration.ofSeconds(1));
        var second = make(CALL_BACK, Duration.ofHours(3));

        var response = asBob.get(promisesOfCase);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(first, second);
        assertThat(response.body().path("items").get(1).path("state").asString())
                .isEqualTo("open");
    }

    @Test
    void badPromisesAreRefusedNamingTheFieldAndNothingIsRecorded() {
        var tomorrow = in(Duration.ofDays(1));
        var missingDescription = promise(CALL_BACK, tomorrow);
        missingDescription.remove("description");
        var missingDue = promise(CALL_BACK, tomorrow);
        missingDue.remove("dueAt");
        var malformedDue = promise(CALL_BACK, tomorrow);
        malformedDue.put("dueAt", "next friday");
        var ghostOwner = promise(CALL_BACK, tomorrow);
        ghostOwner.put("ownerId", UUID.randomUUID().toString());
        var typo = promise(CALL_BACK, tomorrow);
        typo.put("dueDate", tomorrow.toString());
        var other = fixtures.aCase().ownedBy(ann).open();
        var foreignEntry = promise(CALL_BACK, tomorrow);
        foreignEntry.put(
                "madeInEntryId",
                asAnn.post("/api/v1/cases/" + other.id() + "/entries", Map.of("kind", "note", "body", "elsewhere"))
                        .text("id"));

        var blank = asAnn.post(promisesOfCase, promise("   ", tomorrow));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(blank.text("status")).isEqualTo("400");
        assertThat(blank.errorFields()).containsExactly("description");
        assertThat(asAnn.post(promisesOfCase, missingDescription).errorFields()).containsExactly("description");
        assertThat(asAnn.post(promisesOfCase, missingDue).errorFields()).containsExactly("dueAt");
        var past = asAnn.post(promisesOfCase, promise(CALL_BACK, in(Duration.ofMinutes(-5))));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.errorFields()).containsExactly("dueAt");
        assertThat(past.text("detail")).contains("future");
        var malformed = asAnn.post(promisesOfCase, malformedDue);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorFields()).containsExactly("dueAt");
        var beyondTheCalendar = promise(CALL_BACK, tomorrow);
        beyondTheCalendar.put("dueAt", "+999999999-12-31T23:59:59Z");
        var tooFar = asAnn.post(promisesOfCase, beyondTheCalendar);
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.errorFields()).containsExactly("dueAt");
        assertThat(asAnn.post(promisesOfCase, promise("x".repeat(501), tomorrow))
                        .errorFields())
                .containsExactly("description");
        assertThat(asAnn.post(promisesOfCase, ghostOwner).errorFields()).containsExactly("ownerId");
        assertThat(asAnn.post(promisesOfCase, typo).errorFields()).containsExactly("dueDate");
        assertThat(asAnn.post(promisesOfCase, foreignEntry).errorFields()).containsExactly("madeInEntryId");
        assertThat(asAnn.post(promisesOfCase, "{\"description\": ").status()).isEqualTo(400);

        assertThat(asAnn.get(promisesOfCase).body().path("items").size()).isZero();
    }

    @Test
    void unknownCasesAndPromisesAreNotFound() {
        var ghostCase = "/api/v1/cases/" + UUID.randomUUID() + "/promises";
        var ghost = UUID.randomUUID().toString();

        assertThat(asAnn.post(ghostCase, promise(CALL_BACK, in(Duration.ofDays(1))))
                        .status())
                .isEqualTo(404);
        assertThat(asAnn.get(ghostCase).status()).isEqualTo(404);
        var missing = asAnn.get(promisePath(ghost, null));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("detail")).contains(ghost);
        assertThat(asSue.post(promisePath(ghost, "keep"), Map.of("note", "done"))
                        .status())
                .isEqualTo(404);
        assertThat(asSue.post(
                                promisePath(ghost, "renegotiate"),
                                Map.of("dueAt", in(Duration.ofDays(1)).toString(), "message", "Later"))
                        .status())
                .isEqualTo(404);
        assertThat(asSue.post(promisePath(ghost, "release"), Map.of("note", "not needed"))
                        .status())
                .isEqualTo(404);
        assertThat(asAnn.get("/api/v1/promises/not-a-uuid").errorFields()).containsExactly("id");
    }

    @Test
    void keepingWithANoteSettlesThePromiseOnTime() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        clock.advance(Duration.ofMinutes(30));

        var response = asAnn.post(promisePath(id, "keep"), Map.of("note", "  Called; the county confirmed payment "));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("state")).isEqualTo("kept");
        assertThat(instant(response.body(), "keptAt")).isEqualTo(clock.instant());
        assertThat(response.body().path("keptOnTime").asBoolean()).isTrue();
        assertThat(response.text("keptNote")).isEqualTo("Called; the county confirmed payment");
        assertThat(asAnn.get(promisePath(id, null)).text("state")).isEqualTo("kept");
    }

    @Test
    void keepingWithTheEntryThatKeptItNamesTheEntry() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var reply = asAnn.post(
                "/api/v1/cases/" + escrow.id() + "/entries",
                Map.of("kind", "reply", "body", "The county confirmed your payment.", "recordUndelivered", true));

        var response = asAnn.post(promisePath(id, "keep"), Map.of("entryId", reply.text("id")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("state")).isEqualTo("kept");
        assertThat(response.text("keptEntryId")).isEqualTo(reply.text("id"));
        assertThat(response.body().has("keptNote")).isFalse();
    }

    @Test
    void keepingNeedsANoteOrAnEntryOfTheSameCase() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var other = fixtures.aCase().ownedBy(ann).open();
        var foreign = asAnn.post("/api/v1/cases/" + other.id() + "/entries", Map.of("kind", "note", "body", "x"))
                .text("id");

        var nothing = asAnn.post(promisePath(id, "keep"), Map.of());
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.errorFields()).containsExactly("note");
        assertThat(asAnn.post(promisePath(id, "keep"), Map.of("note", "  ")).errorFields())
                .containsExactly("note");
        assertThat(asAnn.post(promisePath(id, "keep"), Map.of("entryId", foreign))
                        .errorFields())
                .containsExactly("entryId");
        assertThat(asAnn.post(promisePath(id, "keep"), Map.of("entryId", "yesterday's call"))
                        .errorFields())
                .containsExactly("entryId");
        assertThat(asAnn.get(promisePath(id, null)).text("state")).isEqualTo("open");
    }

    @Test
    void releasingNeedsANoteAndSettlesThePromiseForGood() {
        var id = make(CALL_BACK, Duration.ofHours(4));

        var noNote = asAnn.post(promisePath(id, "release"), Map.of());
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.errorFields()).containsExactly("note");
        assertThat(asAnn.post(promisePath(id, "release"), Map.of("note", " ")).errorFields())
                .containsExactly("note");

        var released =
                asAnn.post(promisePath(id, "release"), Map.of("note", "The customer paid the county themselves"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text("state")).isEqualTo("released");
        assertThat(instant(released.body(), "releasedAt")).isEqualTo(clock.instant());
        assertThat(released.text("releaseNote")).isEqualTo("The customer paid the county themselves");

        var keep = asAnn.post(promisePath(id, "keep"), Map.of("note", "Called back"));
        assertThat(keep.status()).isEqualTo(409);
        assertThat(keep.text("detail")).contains("released");
        var renegotiate = asAnn.post(
                promisePath(id, "renegotiate"),
                Map.of("dueAt", in(Duration.ofDays(1)).toString(), "message", "Tomorrow instead"));
        assertThat(renegotiate.status()).isEqualTo(409);
        assertThat(asAnn.post(promisePath(id, "release"), Map.of("note", "again"))
                        .status())
                .isEqualTo(409);
        assertThat(asAnn.get(promisePath(id, null)).text("state")).isEqualTo("released");
    }

    @Test
    void renegotiatingMovesTheDueTimeAndTellsTheCustomer() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var firstDue = instant(asAnn.get(promisePath(id, null)).body(), "dueAt");
        var newDue = in(Duration.ofDays(2));
        var message = "The county needs two more days; I will call you Thursday.";

        var response =
                asAnn.post(promisePath(id, "renegotiate"), Map.of("dueAt", newDue.toString(), "message", message));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("state")).isEqualTo("renegotiated");
        assertThat(instant(response.body(), "dueAt")).isEqualTo(newDue);
        assertThat(instant(response.body(), "firstDueAt")).isEqualTo(firstDue);
        assertThat(response.body().path("renegotiations").asInt()).isEqualTo(1);

        var read = asAnn.get(promisePath(id, null)).body();
        assertThat(read.path("dueChanges").size()).isEqualTo(1);
        var change = read.path("dueChanges").get(0);
        assertThat(instant(change, "previousDueAt")).isEqualTo(firstDue);
        assertThat(instant(change, "dueAt")).isEqualTo(newDue);
        assertThat(instant(change, "changedAt")).isEqualTo(clock.instant());
        assertThat(change.path("by").asString()).isEqualTo(ann.displayName());

        var seenByCustomer = asAnn.get("/api/v1/cases/" + escrow.id() + "/entries?visibleToCustomer=true")
                .body()
                .path("items");
        JsonNode sent = null;
        for (var entry : seenByCustomer) {
            if (message.equals(entry.path("body").asString())) {
                sent = entry;
            }
        }
        assertThat(sent)
                .as("the renegotiation message on the customer's timeline")
                .isNotNull();
        assertThat(sent.path("kind").asString()).isEqualTo("reply");
        assertThat(sent.path("channel").asString()).isEqualTo("email");
        assertThat(sent.path("visibleToCustomer").asBoolean()).isTrue();
        assertThat(sent.path("id").asString())
                .isEqualTo(change.path("messageEntryId").asString());
    }

    @Test
    void renegotiatingOnAnotherChannelSendsTheMessageThere() {
        var id = make(CALL_BACK, Duration.ofHours(4));

        var response = asAnn.post(
                promisePath(id, "renegotiate"),
                Map.of("dueAt", in(Duration.ofDays(1)).toString(), "message", "Tomorrow at ten.", "channel", "Portal"));

        assertThat(response.status()).isEqualTo(200);
        var messageId = asAnn.get(promisePath(id, null))
                .body()
                .path("dueChanges")
                .get(0)
                .path("messageEntryId")
                .asString();
        var entries = asAnn.get("/api/v1/cases/" + escrow.id() + "/entries?visibleToCustomer=true")
                .body()
                .path("items");
        var channels = new ArrayList<String>();
        entries.forEach(e -> {
            if (messageId.equals(e.path("id").asString())) {
                channels.add(e.path("channel").asString());
            }
        });
        assertThat(channels).containsExactly("portal");
    }

    @Test
    void renegotiationIsRefusedWithoutAMessageOrAFutureTimeNamingTheField() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var tomorrow = in(Duration.ofDays(1)).toString();
        var path = promisePath(id, "renegotiate");

        var noMessage = asAnn.post(path, Map.of("dueAt", tomorrow));
        assertThat(noMessage.status()).isEqualTo(400);
        assertThat(noMessage.errorFields()).containsExactly("message");
        assertThat(asAnn.post(path, Map.of("dueAt", tomorrow, "message", "  ")).errorFields())
                .containsExactly("message");
        assertThat(asAnn.post(path, Map.of("message", "Later")).errorFields()).containsExactly("dueAt");
        assertThat(asAnn.post(path, Map.of("dueAt", in(Duration.ofHours(-1)).toString(), "message", "Earlier"))
                        .errorFields())
                .containsExactly("dueAt");
        assertThat(asAnn.post(path, Map.of("dueAt", "soon", "message", "Later")).errorFields())
                .containsExactly("dueAt");
        var tooFar = asAnn.post(path, Map.of("dueAt", "+999999999-12-31T23:59:59Z", "message", "Later"));
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.errorFields()).containsExactly("dueAt");
        var tooLong = asAnn.post(path, Map.of("dueAt", tomorrow, "message", "Later ".repeat(20_000)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorFields()).containsExactly("message");
        assertThat(asAnn.post(path, Map.of("dueAt", tomorrow, "message", "Later", "channel", "pigeon"))
                        .errorFields())
                .containsExactly("channel");
        assertThat(asAnn.post(path, Map.of("dueAt", tomorrow, "message", "Later", "channel", "internal"))
                        .errorFields())
                .containsExactly("channel");

        var after = asAnn.get(promisePath(id, null));
        assertThat(after.text("state")).isEqualTo("open");
        assertThat(after.body().path("dueChanges").size()).isZero();
        assertThat(asAnn.get("/api/v1/cases/" + escrow.id() + "/entries?visibleToCustomer=true")
                        .body()
                        .path("items")
                        .toString())
                .doesNotContain("Later", "Earlier");
    }

    @Test
    void anAgentMayNotSettleAColleaguesPromiseButASupervisorMay() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var tomorrow = in(Duration.ofDays(1)).toString();

        var keep = asBob.post(promisePath(id, "keep"), Map.of("note", "done"));
        assertThat(keep.status()).isEqualTo(403);
        assertThat(keep.text("detail")).contains(ann.displayName());
        assertThat(asBob.post(promisePath(id, "renegotiate"), Map.of("dueAt", tomorrow, "message", "Tomorrow"))
                        .status())
                .isEqualTo(403);
        assertThat(asBob.post(promisePath(id, "release"), Map.of("note", "not needed"))
                        .status())
                .isEqualTo(403);
        assertThat(asAnn.get(promisePath(id, null)).text("state")).isEqualTo("open");

        var renegotiated = asSue.post(
                promisePath(id, "renegotiate"), Map.of("dueAt", tomorrow, "message", "Tomorrow morning instead."));
        assertThat(renegotiated.status()).isEqualTo(200);
        assertThat(renegotiated.text("state")).isEqualTo("renegotiated");
        var kept = asSue.post(promisePath(id, "keep"), Map.of("note", "Sue called the customer"));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.text("state")).isEqualTo("kept");
        assertThat(kept.text("ownerId")).isEqualTo(ann.id().toString());
    }

    @Test
    void aSupervisorMayReleaseAColleaguesPromise() {
        var id = make(CALL_BACK, Duration.ofHours(4));

        var response = asSue.post(promisePath(id, "release"), Map.of("note", "Customer withdrew the request"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("state")).isEqualTo("released");
    }

    @Test
    void withoutATokenThePromiseApiIsUnauthorized() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var anonymous = ApiClient.anonymous(port);

        var list = anonymous.get("/api/v1/promises");
        assertThat(list.status()).isEqualTo(401);
        assertThat(list.text("status")).isEqualTo("401");
        assertThat(anonymous.get(promisePath(id, null)).status()).isEqualTo(401);
        assertThat(anonymous.get(promisesOfCase).status()).isEqualTo(401);
        assertThat(anonymous
                        .post(promisesOfCase, promise(CALL_BACK, in(Duration.ofDays(1))))
                        .status())
                .isEqualTo(401);
        assertThat(anonymous
                        .post(promisePath(id, "keep"), Map.of("note", "done"))
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.withToken(port, "ft_not_a_real_token")
                        .get(promisePath(id, null))
                        .status())
                .isEqualTo(401);
        assertThat(asAnn.get(promisePath(id, null)).text("state")).isEqualTo("open");
    }

    @Test
    void aCaseCannotBeResolvedWhileItHasAnOpenPromiseAndTheConflictNamesIt() {
        var id = make(CALL_BACK, Duration.ofHours(4));
        var casePath = "/api/v1/cases/" + escrow.id();

        var refused = asAnn.patch(casePath, Map.of("status", "resolved"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains(CALL_BACK, "open");
        assertThat(asAnn.get(casePath).text("status")).isEqualTo("open");

        asAnn.post(promisePath(id, "keep"), Map.of("note", "Called back"));
        var resolved = asAnn.patch(casePath, Map.of("status", "resolved"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.text("status")).isEqualTo("resolved");

        var onResolved = asAnn.post(promisesOfCase, promise("One more thing", in(Duration.ofDays(1))));
        assertThat(onResolved.status()).isEqualTo(409);
        assertThat(onResolved.text("detail")).contains("reopen");
    }

    @Test
    void theListPagesByDueTimeWithoutRepeats() {
        var made = new ArrayList<String>();
        for (int hours : new int[] {5, 1, 4, 2, 3}) {
            made.add(make("Promise due in " + hours + " h", Duration.ofHours(hours)));
        }
        var byDueTime = List.of(made.get(1), made.get(3), made.get(4), made.get(2), made.get(0));

        var seen = new ArrayList<String>();
        var dueTimes = new ArrayList<Instant>();
        String cursor = null;
        int pages = 0;
        do {
            var page = asAnn.get("/api/v1/promises?caseId=" + escrow.id() + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("items").size()).isLessThanOrEqualTo(2);
            page.body().path("items").forEach(p -> {
                seen.add(p.path("id").asString());
                dueTimes.add(instant(p, "dueAt"));
            });
            cursor = page.body().has("nextCursor") ? page.text("nextCursor") : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(byDueTime);
        assertThat(dueTimes).isSorted();
    }

    @Test
    void theListFiltersByStateOwnerAndDueTime() {
        var soon = make("Due soon", Duration.ofHours(2));
        var later = make("Due later", Duration.ofDays(5));
        var settled = make("Kept already", Duration.ofHours(3));
        asAnn.post(promisePath(settled, "keep"), Map.of("note", "Done"));
        var bobs = asSue.post(
                        promisesOfCase,
                        Map.of(
                                "description",
                                "Bob's promise",
                                "dueAt",
                                in(Duration.ofHours(6)).toString(),
                                "ownerId",
                                bob.id().toString()))
                .text("id");
        var ofCase = "/api/v1/promises?caseId=" + escrow.id();

        assertThat(ids(asAnn.get(ofCase))).containsExactly(soon, settled, bobs, later);
        assertThat(ids(asAnn.get(ofCase + "&state=open"))).containsExactly(soon, bobs, later);
        assertThat(ids(asAnn.get(ofCase + "&state=KEPT,released"))).containsExactly(settled);
        var withEmptyParts = asAnn.get(ofCase + "&state=,open,,kept,");
        assertThat(withEmptyParts.status()).isEqualTo(200);
        assertThat(ids(withEmptyParts)).containsExactly(soon, settled, bobs, later);
        assertThat(ids(asAnn.get(ofCase + "&ownerId=" + bob.id()))).containsExactly(bobs);
        assertThat(ids(asAnn.get(ofCase + "&dueBefore=" + in(Duration.ofDays(1)))))
                .containsExactly(soon, settled, bobs);
        assertThat(ids(asAnn.get("/api/v1/promises?ownerId=" + bob.id() + "&state=open")))
                .containsExactly(bobs);
    }

    @Test
    void theListRefusesBadFiltersNamingThem() {
        var unknownState = asAnn.get("/api/v1/promises?state=sleeping");
        assertThat(unknownState.status()).isEqualTo(400);
        assertThat(unknownState.errorFields()).containsExactly("state");
        assertThat(unknownState.text("detail")).contains("open", "renegotiated", "broken", "kept", "released");
        assertThat(asAnn.get("/api/v1/promises?state=open,sleeping").errorFields())
                .containsExactly("state");
        assertThat(asAnn.get("/api/v1/promises?ownerId=bob").errorFields()).containsExactly("ownerId");
        assertThat(asAnn.get("/api/v1/promises?caseId=42").errorFields()).containsExactly("caseId");
        assertThat(asAnn.get("/api/v1/promises?dueBefore=friday").errorFields()).containsExactly("dueBefore");
        var beyondTheCalendar = asAnn.get("/api/v1/promises?dueBefore=" + encoded("+999999999-12-31T23:59:59Z"));
        assertThat(beyondTheCalendar.status()).isEqualTo(400);
        assertThat(beyondTheCalendar.errorFields()).containsExactly("dueBefore");
        assertThat(asAnn.get("/api/v1/promises?limit=0").errorFields()).containsExactly("limit");
        assertThat(asAnn.get("/api/v1/promises?limit=101").errorFields()).containsExactly("limit");
        assertThat(asAnn.get("/api/v1/promises?cursor=garbage").errorFields()).containsExactly("cursor");
        var tampered = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("%2B999999999-12-31T23%3A59%3A59Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        var tamperedPage = asAnn.get("/api/v1/promises?cursor=" + tampered);
        assertThat(tamperedPage.status()).isEqualTo(400);
        assertThat(tamperedPage.errorFields()).containsExactly("cursor");
    }

    @Test
    void aPromiseStillOpenWhenItsDueTimePassesIsBroken() {
        var id = make(CALL_BACK, Duration.ofHours(1));
        var dueAt = instant(asAnn.get(promisePath(id, null)).body(), "dueAt");

        clock.set(dueAt.plusSeconds(1));
        timers.runDue();

        var broken = asAnn.get(promisePath(id, null));
        assertThat(broken.text("state")).isEqualTo("broken");
        assertThat(instant(broken.body(), "brokenAt")).isEqualTo(dueAt.plusSeconds(1));
        assertThat(ids(asAnn.get("/api/v1/promises?state=broken&caseId=" + escrow.id())))
                .containsExactly(id);

        var keptLate = asAnn.post(promisePath(id, "keep"), Map.of("note", "Called the next morning"));
        assertThat(keptLate.status()).isEqualTo(200);
        assertThat(keptLate.text("state")).isEqualTo("kept");
        assertThat(keptLate.body().path("keptOnTime").asBoolean()).isFalse();
        assertThat(keptLate.body().has("brokenAt")).isTrue();
    }
}
