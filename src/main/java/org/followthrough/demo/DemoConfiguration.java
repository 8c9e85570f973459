package org.followthrough.demo;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

    /**
     * Primary because the platform's system clock may be defined as well, depending on which
     * configuration Spring reads first; every service must read this one for the history to land in
     * the past.
     */
    @Bean
    @Primary
    DemoClock demoClock() {
        return new DemoClock(Clock.systemUTC());
    }
}
