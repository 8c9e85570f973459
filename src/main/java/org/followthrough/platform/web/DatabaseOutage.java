package org.followthrough.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * While the database is down or restarting, every request is answered at once with 503 and a
 * Retry-After, as a problem document under {@code /api} and a plain page elsewhere. Outermost of
 * all filters, because sessions and API tokens are read from the database before any controller
 * runs; the page is written here, without a template, because the usual layout reads the database.
 * Nothing was written: the request's transaction never began or was rolled back, except when the
 * connection broke during the commit itself, where PostgreSQL alone knows; 503 tells the client to
 * ask again rather than to assume either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutage extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final String CLOSED_BY_THE_POOL = "Connection is closed";

    private final MessageSource messages;

    DatabaseOutage(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isDatabaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), rootMessage(e));
            answer(request, response);
        }
    }

    /** The database could not be reached, or went away mid-request: not a fault of the request. */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            // A rollback that failed hides why the transaction ended: look at that first.
            if (cause instanceof TransactionSystemException failed
                    && failed.getApplicationException() != null
                    && isDatabaseUnavailable(failed.getApplicationException())) {
                return true;
            }
            // 08: connection exception; 57P01–57P03: the server is shutting down, crashed or starting.
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                var state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            // The pool closes a connection that hit a connection error, and says only this (no SQL
            // state) when the transaction then tries to commit or roll back on it.
            if (cause instanceof SQLException sql
                    && sql.getSQLState() == null
                    && CLOSED_BY_THE_POOL.equals(sql.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        var locale = request.getLocale();
        var title = messages.getMessage("error.503", null, "Service unavailable", locale);
        var detail = messages.getMessage(
                "error.database-unavailable",
                null,
                "The database is not answering. Try again in a few seconds.",
                locale);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (PlainAnswers.isApi(request.getRequestURI())) {
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":" + PlainAnswers.quote(title)
                            + ",\"status\":503,\"detail\":" + PlainAnswers.quote(detail) + ",\"instance\":"
                            + PlainAnswers.quote(request.getRequestURI()) + "}");
        } else {
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"" + locale.getLanguage()
                            + "\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\""
                            + RETRY_AFTER_SECONDS + "\"><title>" + HtmlUtils.htmlEscape(title)
                            + "</title></head><body style=\"font-family:sans-serif;margin:3rem\"><h1>"
                            + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail)
                            + "</p></body></html>");
        }
        response.flushBuffer();
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
