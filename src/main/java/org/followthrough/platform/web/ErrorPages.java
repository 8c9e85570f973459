package org.followthrough.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the servlet container answers when a request ends in an error outside any controller (a URL
 * the firewall refuses, a sendError from a filter, an exception nothing handled): a problem document
 * for a request under {@code /api}, the console's error page otherwise, never a stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        var uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path ? path : "";
        var message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String text && !text.isBlank()
                ? text
                : status.getReasonPhrase();
        if (status.is5xxServerError()) {
            message = status.getReasonPhrase();
        }
        if (uri.startsWith("/api/") || uri.equals("/api")) {
            return WebErrors.problem(status, message, null, new ErrorRequest(request, uri));
        }
        return WebErrors.page(status, message, request, response);
    }

    /** The failed request's own address, so the problem document names it as its instance. */
    private static final class ErrorRequest extends HttpServletRequestWrapper {

        private final String uri;

        ErrorRequest(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }
    }
}
