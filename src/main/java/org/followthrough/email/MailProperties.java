package org.followthrough.email;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code followthrough.mail.*}: how big a message may be, how long a closed case takes replies
 * before a reply opens a follow-up case instead, how many acknowledgements one address gets an
 * hour and the answer time they announce (business time on the mailbox team's calendar), how a
 * poll is portioned and on how many lanes its messages are filed side by side, how often sending
 * is tried, and whether mail work runs in the background (off in tests, which run it on their own
 * thread).
 */
@Validated
@ConfigurationProperties("followthrough.mail")
public record MailProperties(
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("30d") Duration reopenWithin,
        @DefaultValue("3") @Min(0) @Max(1000) int acknowledgementsPerHour,
        @DefaultValue("8h") Duration answerWithin,
        @DefaultValue("100") @Min(1) @Max(10_000) int pollBatch,
        @DefaultValue("50s") Duration pollBudget,
        @DefaultValue("3") @Min(1) @Max(16) int filingLanes,
        @DefaultValue("8") @Min(1) @Max(50) int sendAttempts,
        @DefaultValue("true") boolean background) {}
