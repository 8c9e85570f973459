package org.followthrough.customer;

public record Segment(SegmentId id, String name, String description) {}
