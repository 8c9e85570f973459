package org.followthrough.promise;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.timer.TimerHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The promise module's timers: the reminder before the due time, and the due time itself. */
@Configuration(proxyBeanMethods = false)
class PromiseTimers {

    @Bean
    TimerHandler promiseReminder(PromiseDesk promises) {
        return new Handler(PromiseDesk.REMIND) {
            @Override
            public void fire(UUID subject, Instant dueAt) {
                promises.reminderReached(new PromiseId(subject));
            }
        };
    }

    @Bean
    TimerHandler promiseDue(PromiseDesk promises) {
        return new Handler(PromiseDesk.DUE) {
            @Override
            public void fire(UUID subject, Instant dueAt) {
                promises.dueTimeReached(new PromiseId(subject), dueAt);
            }
        };
    }

    private abstract static class Handler implements TimerHandler {

        private final String kind;

        Handler(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }
    }
}
