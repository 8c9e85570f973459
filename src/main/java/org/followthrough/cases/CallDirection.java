package org.followthrough.cases;

public enum CallDirection {
    INBOUND,
    OUTBOUND
}
