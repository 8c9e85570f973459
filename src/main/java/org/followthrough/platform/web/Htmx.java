package org.followthrough.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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

    /**
     * Answers an action that changed something the page shows: for htmx, 204 and the events that
     * make the page's parts reload themselves; for a plain form post, a redirect.
     */
    public static void changed(
            HttpServletRequest request, HttpServletResponse response, String redirectTo, String... events)
            throws IOException {
        if (isRequest(request)) {
            response.setHeader("HX-Trigger", String.join(", ", events));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(request.getContextPath() + redirectTo);
    }
}
