package org.followthrough.customer;

/** A segment as pages and forms show it. */
public record SegmentView(SegmentId id, String name, String description) {}
