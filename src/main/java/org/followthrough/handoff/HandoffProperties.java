package org.followthrough.handoff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code followthrough.handoffs.*}: how much working time a receiver has to accept an offer before
 * the supervisors are alerted, counted on the receiving team's business calendar.
 */
@ConfigurationProperties("followthrough.handoffs")
public record HandoffProperties(@DefaultValue("4h") Duration answerWithin) {}
