package org.followthrough.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * An error answer written straight to the response, for the places that run before Spring MVC
 * (filters, the firewall, Tomcat's error report): a problem document for an address under
 * {@code /api}, a plain page otherwise. It reads nothing from the request but its address.
 */
final class PlainAnswers {

    private PlainAnswers() {}

    static boolean isApi(String uri) {
        return uri != null && (uri.startsWith("/api/") || uri.equals("/api"));
    }

    static void write(HttpServletResponse response, String uri, int status, String detail, String field)
            throws IOException {
        var resolved = HttpStatus.resolve(status);
        var title = resolved == null ? "Error" : resolved.getReasonPhrase();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (isApi(uri)) {
            response.setContentType("application/problem+json");
            var json = new StringBuilder("{\"type\":\"about:blank\",\"title\":")
                    .append(quote(title))
                    .append(",\"status\":")
                    .append(status)
                    .append(",\"detail\":")
                    .append(quote(detail));
            if (field != null) {
                json.append(",\"errors\":[{\"field\":")
                        .append(quote(field))
                        .append(",\"message\":")
                        .append(quote(detail))
                        .append("}]");
            }
            response.getWriter().write(json.append('}').toString());
        } else {
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + status + " "
                            + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + status + " "
                            + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail)
                            + "</p><p><a href=\"/\">Back to the inbox</a></p></body></html>");
        }
        response.flushBuffer();
    }

    /** A JSON string; every character outside printable ASCII escaped, so no byte of it can break JSON. */
    static String quote(String text) {
        var out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
