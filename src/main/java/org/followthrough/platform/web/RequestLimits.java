package org.followthrough.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An address longer than 8 KB is refused with 414 before anything reads it. Tomcat is allowed a
 * larger header block than that so that it is this filter, not the container, that answers, in the
 * usual form: a problem document under {@code /api}, the error page elsewhere.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLimits extends OncePerRequestFilter {

    static final int MAX_ADDRESS = 8 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var query = request.getQueryString();
        var length = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
        if (length > MAX_ADDRESS) {
            response.sendError(HttpServletResponse.SC_REQUEST_URI_TOO_LONG, "The request's address is too long.");
            return;
        }
        chain.doFilter(request, response);
    }
}
