package org.followthrough.promise;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.promise.PromiseEvents.PromiseBroken;
import org.followthrough.promise.PromiseEvents.PromiseKept;
import org.followthrough.promise.PromiseEvents.PromiseMade;
import org.followthrough.promise.PromiseEvents.PromiseReleased;
import org.followthrough.promise.PromiseEvents.PromiseRenegotiated;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The promise figures in {@code /actuator/prometheus}: counters of promises made, kept (on time or
 * late), broken, renegotiated and released per team, counted once their transaction commits; and
 * gauges of promises open and broken-not-yet-settled now, read from the database at most every 30 s.
 */
@Component
class PromiseMetrics {

    private static final Duration GAUGE_AGE = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final AgentQueries agents;
    private final JdbcClient db;
    private final Clock clock;
    private final Map<String, Long> gauges = new ConcurrentHashMap<>();
    private volatile Instant gaugesReadAt = Instant.EPOCH;

    PromiseMetrics(MeterRegistry registry, AgentQueries agents, JdbcClient db, Clock clock) {
        this.registry = registry;
        this.agents = agents;
        this.db = db;
        this.clock = clock;
        Gauge.builder("followthrough.promises.open", this, m -> m.gauge("open"))
                .description("Promises open or renegotiated, not yet due")
                .register(registry);
        Gauge.builder("followthrough.promises.broken.unsettled", this, m -> m.gauge("broken"))
                .description("Broken promises not yet kept late, renegotiated or released")
                .register(registry);
    }

    @TransactionalEventListener
    void made(PromiseMade e) {
        counter("followthrough.promises.made", e.teamId()).increment();
    }

    @TransactionalEventListener
    void kept(PromiseKept e) {
        Counter.builder("followthrough.promises.kept")
                .tag("team", teamName(e.teamId()))
                .tag("on_time", String.valueOf(e.onTime()))
                .register(registry)
                .increment();
    }

    @TransactionalEventListener
    void broken(PromiseBroken e) {
        counter("followthrough.promises.broken", e.teamId()).increment();
    }

    @TransactionalEventListener
    void renegotiated(PromiseRenegotiated e) {
        counter("followthrough.promises.renegotiated", e.teamId()).increment();
    }

    @TransactionalEventListener
    void released(PromiseReleased e) {
        counter("followthrough.promises.released", e.teamId()).increment();
    }

    private Counter counter(String name, TeamId team) {
        return Counter.builder(name).tag("team", teamName(team)).register(registry);
    }

    private String teamName(TeamId team) {
        return team == null ? "none" : agents.findTeam(team).map(TeamView::name).orElse("unknown");
    }

    private double gauge(String which) {
        var now = clock.instant();
        if (Duration.between(gaugesReadAt, now).compareTo(GAUGE_AGE) > 0) {
            gaugesReadAt = now;
            db.sql("""
                    select count(*) filter (where state in ('OPEN', 'RENEGOTIATED')) as open,
                           count(*) filter (where state = 'BROKEN') as broken
                    from promise where state in ('OPEN', 'RENEGOTIATED', 'BROKEN')""")
                    .query((rs, n) -> {
                        gauges.put("open", rs.getLong("open"));
                        gauges.put("broken", rs.getLong("broken"));
                        return 1;
                    })
                    .single();
        }
        return gauges.getOrDefault(which, 0L);
    }
}
