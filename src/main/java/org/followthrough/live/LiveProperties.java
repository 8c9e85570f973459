package org.followthrough.live;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code followthrough.live.*}: how often open pages and other nodes hear that someone is still
 * there, how long silence means they left, and how many event streams a node keeps open.
 */
@Validated
@ConfigurationProperties("followthrough.live")
public record LiveProperties(
        // Each node re-announces its viewers and writes a keep-alive to every stream this often.
        @NotNull @DefaultValue("15s") Duration heartbeat,
        // A viewer not announced for this long has gone (their node stopped without saying so).
        @NotNull @DefaultValue("45s") Duration presenceTimeout,
        // "Is typing" lasts this long after the last keystroke the page reported.
        @NotNull @DefaultValue("8s") Duration typingTimeout,
        // A stream is closed after this long; the browser opens a new one, checked afresh.
        @NotNull @DefaultValue("30m") Duration streamTimeout,
        // Streams one node keeps open at most; beyond it a page is told to try later (503).
        @Min(1) @DefaultValue("2000") int maxStreams,
        // Streams one agent keeps open on a node at most (tabs); a new one closes their oldest.
        @Min(1) @DefaultValue("16") int maxStreamsPerAgent,
        // How long the node waits before listening again after losing the database.
        @NotNull @DefaultValue("2s") Duration reconnectDelay) {}
