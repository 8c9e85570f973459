package org.followthrough.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Code asks this clock for the time, so tests can move it instead of sleeping. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // PostgreSQL keeps microseconds: a clock that ticks in microseconds makes what a request
        // answers equal to what a later read returns.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
