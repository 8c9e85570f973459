package org.followthrough.promise.web;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.followthrough.calendar.WorkingTimePart;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.promise.PromisePolicies;
import org.springframework.stereotype.Component;

/**
 * The promise part of a team's working-time page: how early its agents are reminded of their
 * promises, as a share of the promise's time and at most so many hours ahead.
 */
@Component
class ReminderLeadPart implements WorkingTimePart {

    private static final int DEFAULT_PERCENT = 25;
    private static final long DEFAULT_MAX_HOURS = 24;
    private static final long MAX_HOURS = 336;

    private final PromisePolicies policies;

    ReminderLeadPart(PromisePolicies policies) {
        this.policies = policies;
    }

    @Override
    public String template() {
        return "promise/working-time";
    }

    @Override
    public Map<String, Object> show(TeamId team) {
        var policy = policies.of(team);
        return Map.of(
                "leadPercent",
                policy.leadPercent(),
                "leadMaxHours",
                policy.leadMax().toHours());
    }

    @Override
    public void check(Function<String, String> form) {
        long percent = number(form, "leadPercent", DEFAULT_PERCENT);
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("leadPercent", "must be between 0 and 100");
        }
        long hours = number(form, "leadMaxHours", DEFAULT_MAX_HOURS);
        if (hours < 0 || hours > MAX_HOURS) {
            throw new InvalidInputException("leadMaxHours", "must be between 0 and 336 hours");
        }
    }

    @Override
    public void save(TeamId team, Function<String, String> form, Actor by) {
        check(form);
        policies.save(
                team,
                (int) number(form, "leadPercent", DEFAULT_PERCENT),
                Duration.ofHours(number(form, "leadMaxHours", DEFAULT_MAX_HOURS)),
                by);
    }

    private static long number(Function<String, String> form, String field, long otherwise) {
        var text = form.apply(field);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }
}
