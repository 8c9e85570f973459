package org.followthrough.platform.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The answers Spring MVC gives on its own (no such route, method or media type, a parameter of the
 * wrong form, a body that cannot be read), including those raised before any controller is chosen:
 * a problem document under {@code /api}, the console's error page everywhere else. The API's own
 * controllers are answered first by {@code ApiErrors}, which names the fields.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WebErrors {

    @ExceptionHandler({
        ServletException.class,
        TypeMismatchException.class,
        HttpMessageNotReadableException.class,
        MultipartException.class,
        ResponseStatusException.class
    })
    Object answer(Exception e, HttpServletRequest request, HttpServletResponse response) {
        var status = status(e, request);
        String field = null;
        String detail;
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            field = mismatch.getName();
            detail = field + " has a value of the wrong form: " + mismatch.getValue();
        } else if (e instanceof MissingServletRequestParameterException missing) {
            field = missing.getParameterName();
            detail = field + " is required";
        } else if (e instanceof MultipartException) {
            detail = isApi(request)
                    ? "The API takes application/json, not a multipart body"
                    : "The form could not be read";
        } else if (e instanceof HttpMessageNotReadableException) {
            detail = "The request body could not be read";
        } else if (e instanceof ErrorResponse error && error.getBody().getDetail() != null) {
            detail = error.getBody().getDetail();
        } else {
            detail = status.getReasonPhrase();
        }
        if (e instanceof ErrorResponse error) {
            error.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        }
        if (isApi(request)) {
            return problem(status, detail, field, request);
        }
        return page(status, detail, request, response);
    }

    private static HttpStatus status(Exception e, HttpServletRequest request) {
        if (e instanceof MultipartException) {
            return isApi(request) ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.BAD_REQUEST;
        }
        if (e instanceof ErrorResponse error) {
            var status = HttpStatus.resolve(error.getStatusCode().value());
            return status == null ? HttpStatus.BAD_REQUEST : status;
        }
        return HttpStatus.BAD_REQUEST;
    }

    static boolean isApi(HttpServletRequest request) {
        var uri = request.getRequestURI();
        return uri != null && (uri.startsWith("/api/") || uri.equals("/api"));
    }

    static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, String field, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(instance(request.getRequestURI()));
        if (field != null) {
            problem.setProperties(Map.of("errors", List.of(Map.of("field", field, "message", detail))));
        }
        var answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            answer.header("Accept", "application/json");
        }
        return answer.body(problem);
    }

    static URI instance(String uri) {
        try {
            return uri == null ? null : URI.create(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ModelAndView page(
            HttpStatus status, String detail, HttpServletRequest request, HttpServletResponse response) {
        var message = detail;
        var view = new ModelAndView(Htmx.isRequest(request) ? "fragments :: flash-error" : "error");
        if (Htmx.isRequest(request)) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        view.addObject("status", status.value());
        view.addObject("message", message);
        view.setStatus(status);
        return view;
    }
}
