package org.followthrough.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.identity.Role;
import org.followthrough.promise.PromisePolicies;
import org.followthrough.promise.ReminderPolicy;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class TeamWorkingTimeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CalendarQueries calendars;

    @Autowired
    PromisePolicies policies;

    @Test
    void anAdminSetsATeamsHoursHolidaysAndReminderLeadTogether() {
        var team = fixtures.team(fixtures.agent(Role.AGENT));
        var admin = ConsoleClient.signedInAsAdmin(port);
        assertThat(admin.get("/admin/teams/" + team + "/working-time").body()).contains("Monday to Friday");
        var form = new LinkedHashMap<String, String>();
        form.put("timeZone", "Europe/Lisbon");
        form.put("MONDAY.opens1", "08:00");
        form.put("MONDAY.closes1", "12:00");
        form.put("MONDAY.opens2", "13:00");
        form.put("MONDAY.closes2", "18:00");
        form.put("FRIDAY.opens1", "08:00");
        form.put("FRIDAY.closes1", "14:00");
        form.put("holidays", "2026-12-25 Christmas Day\n2027-01-01 New Year");
        form.put("leadPercent", "10");
        form.put("leadMaxHours", "4");
        var saved = admin.post("/admin/teams/" + team + "/working-time", form);
        assertThat(saved.statusCode()).isEqualTo(302);

        var calendar = calendars.of(team);
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
        assertThat(calendar.hoursOn(LocalDate.of(2026, 11, 30))).hasSize(2);
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 12, 1))).isFalse();
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(calendar.closingTime(LocalDate.of(2026, 11, 27))).contains(LocalTime.of(14, 0));
        assertThat(calendar.hoursOn(LocalDate.of(2026, 11, 27)).getFirst().opens())
                .isEqualTo(LocalTime.of(8, 0));
        assertThat(calendar.week().get(DayOfWeek.SATURDAY)).isEmpty();
        var policy = policies.of(team);
        assertThat(policy.leadPercent()).isEqualTo(10);
        assertThat(policy.leadMax()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aBadHolidayLineIsRefusedAndNothingIsSaved() {
        var team = fixtures.team(fixtures.agent(Role.AGENT));
        var admin = ConsoleClient.signedInAsAdmin(port);
        admin.get("/admin/teams/" + team + "/working-time");
        var form = new LinkedHashMap<String, String>();
        form.put("timeZone", "Europe/Lisbon");
        form.put("MONDAY.opens1", "08:00");
        form.put("MONDAY.closes1", "12:00");
        form.put("holidays", "Christmas");
        form.put("leadPercent", "200");
        form.put("leadMaxHours", "4");
        var response = admin.post("/admin/teams/" + team + "/working-time", form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("leadPercent must be between 0 and 100");
        assertThat(calendars.settings(team).custom()).isFalse();
        assertThat(policies.of(team)).isEqualTo(ReminderPolicy.DEFAULT);
    }

    @Test
    void aReminderLeadThatIsNotANumberIsRefusedOnTheFormAndNothingIsSaved() {
        var team = fixtures.team(fixtures.agent(Role.AGENT));
        var admin = ConsoleClient.signedInAsAdmin(port);
        assertThat(admin.get("/admin/teams/" + team + "/working-time").body())
                .contains("name=\"leadPercent\"")
                .contains("value=\"25\"");
        var form = new LinkedHashMap<String, String>();
        form.put("timeZone", "Europe/Lisbon");
        form.put("leadPercent", "ten");
        form.put("leadMaxHours", "4");
        var response = admin.post("/admin/teams/" + team + "/working-time", form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("leadPercent must be a whole number");
        assertThat(calendars.settings(team).custom()).isFalse();
        assertThat(policies.of(team)).isEqualTo(ReminderPolicy.DEFAULT);
    }

    @Test
    void agentsCannotChangeWorkingTime() {
        var agent = fixtures.agent(Role.AGENT);
        var team = fixtures.team(agent);
        var console = ConsoleClient.signedIn(port, agent);
        assertThat(console.get("/admin/teams/" + team + "/working-time").statusCode())
                .isEqualTo(403);
    }
}
