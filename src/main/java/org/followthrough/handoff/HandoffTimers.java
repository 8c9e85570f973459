package org.followthrough.handoff;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.timer.TimerHandler;
import org.springframework.stereotype.Component;

/** An offer's answer time. */
@Component
class HandoffTimers implements TimerHandler {

    private final HandoffDesk handoffs;

    HandoffTimers(HandoffDesk handoffs) {
        this.handoffs = handoffs;
    }

    @Override
    public String kind() {
        return HandoffDesk.UNANSWERED;
    }

    @Override
    public void fire(UUID subject, Instant dueAt) {
        handoffs.answerTimeReached(new HandoffId(subject));
    }
}
