package org.followthrough.timer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code followthrough.timers.*}: whether this node fires timers, how often it looks for due ones
 * when there were none, how many it takes per transaction, and how long a failing one waits.
 */
@Validated
@ConfigurationProperties("followthrough.timers")
record TimerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("1m") Duration retryDelay) {}
