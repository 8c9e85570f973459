package org.followthrough.testing;

import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
@Import(Fixtures.class)
public class TestConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(Instant.now());
    }

    /** One real mail server for every test, stopped with the context. */
    @Bean(destroyMethod = "close")
    TestMailServer testMailServer() {
        return new TestMailServer();
    }
}
