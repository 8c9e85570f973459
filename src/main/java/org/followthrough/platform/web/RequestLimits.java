package org.followthrough.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests refused before anything reads them, answered in the usual form (a problem document under
 * {@code /api}, a plain page elsewhere) instead of a container error or an ERROR in the log: an
 * address over 8 KB (414), parameters that are not well-formed percent-encoded UTF-8 or whose names
 * carry control characters (400, naming the parameter), and a Content-Type that is not one concrete
 * media type, or a multipart body sent to the API (415). Tomcat takes header blocks larger than 8 KB so that this filter sees them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLimits extends OncePerRequestFilter {

    static final int MAX_ADDRESS = 8 * 1024;
    private static final Pattern PARAMETER = Pattern.compile("Parameter \\[([^\\]]*)]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var uri = request.getRequestURI();
        var query = request.getQueryString();
        if (uri.length() + (query == null ? 0 : query.length() + 1) > MAX_ADDRESS) {
            PlainAnswers.write(response, uri, 414, "The request's address is longer than 8 KB.", null);
            return;
        }
        var contentType = request.getContentType();
        if (contentType != null && !isConcrete(contentType)) {
            PlainAnswers.write(
                    response, uri, 415, "Content-Type must name one media type, such as application/json.", null);
            return;
        }
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                && PlainAnswers.isApi(uri)) {
            PlainAnswers.write(response, uri, 415, "The API takes application/json, not a multipart body.", null);
            return;
        }
        try {
            for (var name : request.getParameterMap().keySet()) {
                Text.singleLine("parameter name", name);
            }
        } catch (InvalidParameterException e) {
            var matcher = PARAMETER.matcher(String.valueOf(e.getMessage()));
            var field = matcher.find() && Text.problem(matcher.group(1), false) == null ? matcher.group(1) : "query";
            PlainAnswers.write(
                    response,
                    uri,
                    400,
                    field + " is not well-formed: parameters must be percent-encoded UTF-8 (name=value&...)",
                    field);
            return;
        } catch (InvalidInputException e) {
            PlainAnswers.write(response, uri, 400, e.getMessage(), e.field());
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String contentType) {
        try {
            var type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
