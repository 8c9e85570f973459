package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.followthrough.cases.Channel;
import org.followthrough.identity.Role;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseReport.Grouping;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PromiseReportIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    PromiseReport report;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerRunner timers;

    @Test
    void theReportCountsWhatBecameOfEachPromisePerAgentAndTeam() throws Exception {
        var ann = fixtures.agent(Role.AGENT);
        var sue = fixtures.agent(Role.SUPERVISOR);
        var team = fixtures.team(ann, sue);
        var start = clock.instant();
        var me = Fixtures.signedIn(ann);
        MakePromise[] made = new MakePromise[4];
        PromiseView[] p = new PromiseView[4];
        for (int i = 0; i < 4; i++) {
            var c = fixtures.aCase().ownedBy(ann).inTeam(team).open();
            made[i] = new MakePromise(c.id(), "Promise " + i, start.plus(Duration.ofHours(2 + i)), null, null);
            p[i] = promises.make(made[i], me.actor());
        }
        promises.keep(p[0].id(), null, "Done in time", me.actor());
        promises.release(p[1].id(), "Customer sorted it out", me.actor());
        promises.renegotiate(p[2].id(), start.plus(Duration.ofDays(3)), "Thursday instead.", Channel.EMAIL, me.actor());
        clock.set(p[3].dueAt().plusSeconds(5));
        timers.runDue();
        promises.keep(p[3].id(), null, "A day late", me.actor());

        var result = report.of(start.minusSeconds(1), clock.instant().plusSeconds(1));
        var annLine = result.agents().stream()
                .filter(l -> l.id().equals(ann.id().value()))
                .findFirst()
                .orElseThrow();
        assertThat(annLine.grouping()).isEqualTo(Grouping.AGENT);
        assertThat(annLine.made()).isEqualTo(4);
        assertThat(annLine.keptOnTime()).isEqualTo(1);
        assertThat(annLine.keptLate()).isEqualTo(1);
        assertThat(annLine.broken()).isEqualTo(1);
        assertThat(annLine.renegotiated()).isEqualTo(1);
        assertThat(annLine.released()).isEqualTo(1);
        assertThat(annLine.stillOpen()).isEqualTo(1);
        assertThat(annLine.keptOnTimeRate()).isEqualTo(0.5);
        var teamLine = result.teams().stream()
                .filter(l -> l.id().equals(team.value()))
                .findFirst()
                .orElseThrow();
        assertThat(teamLine.made()).isEqualTo(4);
        assertThat(teamLine.name()).startsWith("team-");

        var zone = ZoneId.of("Europe/Berlin");
        var day = LocalDate.ofInstant(clock.instant(), zone);
        var supervisor = ConsoleClient.signedIn(port, sue);
        var page = supervisor.get("/reports/promises?from=" + day.minusDays(1) + "&to=" + day);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Promises report").contains(ann.displayName());
        var csv = supervisor.get("/reports/promises.csv?from=" + day.minusDays(1) + "&to=" + day);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).contains("\"" + ann.displayName() + "\",4,1,1,1,1,1,1,0.500");

        var agent = ConsoleClient.signedIn(port, ann);
        assertThat(agent.get("/reports/promises").statusCode()).isEqualTo(403);

        var metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                .header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("followthrough_promises_made_total")
                .contains("followthrough_promises_kept_total")
                .contains("followthrough_promises_broken_total")
                .contains("followthrough_promises_open");
    }
}
