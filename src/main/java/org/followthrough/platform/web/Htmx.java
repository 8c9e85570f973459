package org.followthrough.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** What htmx tells the server about a request. */
public final class Htmx {

    private Htmx() {}

    public static boolean isRequest(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** True when htmx asks for a part of a page rather than a whole page (boosted links want pages). */
    public static boolean wantsFragment(HttpServletRequest request) {
        return isRequest(request) && !"true".equals(request.getHeader("HX-Boosted"));
    }
}
