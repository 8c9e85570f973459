package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.followthrough.identity.Role;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.promise.PromiseState;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class BackgroundConnectionsIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    TimerRunner timers;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Test
    void aPromiseStillBreaksOnTimeWhilePagesHoldEveryConnectionOfTheirPool() throws Exception {
        var ann = fixtures.agent(Role.AGENT);
        var escrow = fixtures.aCase().about("Escrow").ownedBy(ann).open();
        var promise = promises.make(
                new MakePromise(escrow.id(), "Call back", clock.instant().plus(Duration.ofHours(1)), null, null),
                Fixtures.signedIn(ann).actor());
        clock.set(promise.dueAt().plusSeconds(1));

        var requests = ((ConnectionPools) dataSource).requests();
        var held = new ArrayList<Connection>();
        int fired;
        try {
            // Slow pages: every connection of the requests pool is taken and not given back.
            while (held.size() < requests.getMaximumPoolSize()) {
                held.add(dataSource.getConnection());
            }
            assertThat(requests.getHikariPoolMXBean().getIdleConnections()).isZero();
            fired = timers.runDue();
        } finally {
            for (var connection : held) {
                connection.close();
            }
        }
        assertThat(fired).isGreaterThanOrEqualTo(1);
        assertThat(promiseQueries.get(promise.id()).state()).isEqualTo(PromiseState.BROKEN);
    }
}
