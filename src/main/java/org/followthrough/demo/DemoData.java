package org.followthrough.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import org.followthrough.calendar.BusinessCalendar;
import org.followthrough.calendar.CalendarDesk;
import org.followthrough.calendar.Holiday;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseQueries;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.AgentQueries;
import org.followthrough.macros.MacroDesk;
import org.followthrough.platform.Actor;
import org.followthrough.platform.FollowthroughProperties;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.timer.TimerRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Fills an empty desk with six weeks of history, after the first admin exists, and tells whoever
 * started it how to sign in. A desk that has any case is left alone, so restarts add nothing.
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CaseDesk desk;
    private final PromiseDesk promises;
    private final PromiseQueries promiseQueries;
    private final CalendarDesk calendars;
    // Looked up when seeding, not injected: a lifecycle bean's dependencies start before it, and the
    // timer runner must not fire at today's time while the replay pins the clock in the past.
    private final ObjectProvider<TimerRunner> timers;
    private final CaseQueries cases;
    private final AgentQueries agents;
    private final DemoPeople people;
    private final DemoClock clock;
    private final FollowthroughProperties properties;
    private final MailboxDesk mailboxes;
    private final MailIngest mailIngest;
    private final MacroDesk macros;

    DemoData(
            CaseDesk desk,
            PromiseDesk promises,
            PromiseQueries promiseQueries,
            CalendarDesk calendars,
            ObjectProvider<TimerRunner> timers,
            CaseQueries cases,
            AgentQueries agents,
            DemoPeople people,
            DemoClock clock,
            FollowthroughProperties properties,
            MailboxDesk mailboxes,
            MailIngest mailIngest,
            MacroDesk macros) {
        this.desk = desk;
        this.promises = promises;
        this.promiseQueries = promiseQueries;
        this.calendars = calendars;
        this.timers = timers;
        this.cases = cases;
        this.agents = agents;
        this.people = people;
        this.clock = clock;
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.mailIngest = mailIngest;
        this.macros = macros;
    }

    private volatile boolean running;

    /**
     * Seeds before the timers start firing (a lower phase starts first): the replay pins the clock
     * to each moment of history, and timers due then must fire at those moments, not at today's.
     */
    @Override
    public void start() {
        seedIfEmpty();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    /** Returns whether it seeded. */
    boolean seedIfEmpty() {
        if (!cases.list(CaseQueries.Filter.none(), CaseAccess.Scope.SYSTEM, null, 1)
                .items()
                .isEmpty()) {
            log.info("The desk already has cases; demo data left as it is");
            return false;
        }
        var admin = agents.findByEmail(properties.bootstrap().adminEmail())
                .map(a -> Actor.agent(a.id().value(), a.displayName()))
                .orElse(Actor.SYSTEM);
        var replay = new Replay(desk, promises, promiseQueries, timers.getObject(), clock);
        var cast = people.gather(replay, admin);
        workingHours(cast, admin);
        var mail = new DemoMail(replay, cast, mailboxes, mailIngest, desk);
        var mailbox = mail.mailbox(admin);
        new DemoCases(replay, cast).play();
        new DemoMacros(macros, cast).play();
        mail.play(mailbox);
        log.info(
                "Seeded the demo desk: {} customers and six weeks of cases",
                cast.customers().size());
        return true;
    }

    /**
     * Both demo teams work Monday to Friday, 08:00 to 18:00 desk time, and close for Thanksgiving
     * and Christmas: "end of business" and "business days" in the demo mean that.
     */
    private void workingHours(DemoPeople.Cast cast, Actor admin) {
        var year = LocalDate.now(clock).getYear();
        var thanksgiving = LocalDate.of(year, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        var week = new EnumMap<DayOfWeek, List<BusinessCalendar.OpeningHours>>(DayOfWeek.class);
        for (var day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new BusinessCalendar.OpeningHours(LocalTime.of(8, 0), LocalTime.of(18, 0))));
        }
        var holidays = List.of(
                new Holiday(thanksgiving, "Thanksgiving"), new Holiday(LocalDate.of(year, 12, 25), "Christmas Day"));
        for (var team : List.of(cast.billing(), cast.devices())) {
            calendars.change(team.id(), Replay.DESK_ZONE, week, holidays, admin);
        }
    }

    /** Printed, not logged, and after startup, so it is the last thing on the console. */
    @EventListener(ApplicationReadyEvent.class)
    void printSignIns() {
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("Email", "Password", "Role"));
        var bootstrap = properties.bootstrap();
        agents.findByEmail(bootstrap.adminEmail())
                .ifPresent(admin -> rows.add(List.of(
                        admin.email(),
                        bootstrap.adminPassword().equals(DemoPeople.PASSWORD)
                                ? DemoPeople.PASSWORD
                                : "(FOLLOWTHROUGH_ADMIN_PASSWORD)",
                        "Admin")));
        for (var demo : DemoPeople.ROSTER) {
            agents.findByEmail(demo.email())
                    .filter(a -> a.active())
                    .ifPresent(agent -> rows.add(List.of(
                            agent.email(),
                            DemoPeople.PASSWORD,
                            role(agent.role().name(), demo.teams()))));
        }
        System.out.print(box("Followthrough demo desk: " + properties.baseUrl(), rows));
    }

    private static String role(String role, List<String> teams) {
        var name = role.charAt(0) + role.substring(1).toLowerCase(Locale.ROOT);
        return name + ", " + String.join(" + ", teams);
    }

    static String box(String title, List<List<String>> rows) {
        int columns = rows.getFirst().size();
        var widths = new int[columns];
        for (var row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var lines = new ArrayList<String>();
        lines.add(title);
        lines.add("");
        for (var row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
            }
            lines.add(line.toString());
        }
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        var out = new StringBuilder(System.lineSeparator());
        var rule = "  +" + "-".repeat(width + 2) + "+" + System.lineSeparator();
        out.append(rule);
        for (var line : lines) {
            out.append("  | ").append(pad(line, width)).append(" |").append(System.lineSeparator());
        }
        out.append(rule).append(System.lineSeparator());
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
