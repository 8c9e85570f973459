package org.followthrough.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The API's error language: RFC 9457 problem documents. Input errors name the offending field in
 * {@code errors[].field}; nothing is half-written because every request is one transaction.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** One problem with one field of the request. */
    public record FieldError(String field, String message) {}

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST, e.getMessage(), request, List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getField() + " " + f.getDefaultMessage()))
                .toList();
        return badRequest(errors, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalid(ConstraintViolationException e, HttpServletRequest request) {
        var errors = e.getConstraintViolations().stream()
                .map(v -> {
                    var path = v.getPropertyPath().toString();
                    var field = path.substring(path.lastIndexOf('.') + 1);
                    return new FieldError(field, field + " " + v.getMessage());
                })
                .toList();
        return badRequest(errors, request);
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldError> errors, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                errors.stream().map(FieldError::message).collect(Collectors.joining("; ")),
                request,
                errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (e.getCause() instanceof JacksonException jackson) {
            var field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            if (jackson instanceof UnrecognizedPropertyException unknown) {
                var name = field.isEmpty() ? unknown.getPropertyName() : field;
                return problem(
                        HttpStatus.BAD_REQUEST,
                        name + " is not a field of this request",
                        request,
                        List.of(new FieldError(name, name + " is not a field of this request")));
            }
            if (!field.isEmpty()) {
                var message = jackson instanceof InvalidFormatException format
                        ? field + " has a value of the wrong form: " + format.getValue()
                        : field + " has a value of the wrong type";
                return problem(HttpStatus.BAD_REQUEST, message, request, List.of(new FieldError(field, message)));
            }
        }
        if (e.getCause() == null || e.getCause() instanceof MismatchedInputException) {
            // Well-formed JSON of the wrong shape: a string, list or null where an object belongs.
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "body must be a JSON object",
                    request,
                    List.of(new FieldError("body", "body must be a JSON object")));
        }
        return problem(
                HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON",
                request,
                List.of(new FieldError("body", "body is not valid JSON")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        var message = e.getName() + " has a value of the wrong form: " + e.getValue();
        return problem(HttpStatus.BAD_REQUEST, message, request, List.of(new FieldError(e.getName(), message)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        var message = e.getParameterName() + " is required";
        return problem(
                HttpStatus.BAD_REQUEST, message, request, List.of(new FieldError(e.getParameterName(), message)));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), request, null);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e, HttpServletRequest request) {
        var errors = e.field() == null ? null : List.of(new FieldError(e.field(), e.getMessage()));
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), request, errors);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "You may not do this.", request, null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), request, null);
    }

    /** Two requests raced to create the same thing (an email address, say); the loser may retry. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        return problem(
                HttpStatus.CONFLICT, "This conflicts with a change made at the same time; try again.", request, null);
    }

    /** Sign-in back-off (a wrong current password, say): when to try again, in seconds and as a time. */
    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyAttemptsException e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("retryAt", e.retryAt().toString());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, HttpServletRequest request, List<FieldError> errors) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        if (errors != null && !errors.isEmpty()) {
            problem.setProperties(Map.of("errors", errors));
        }
        if (status.is5xxServerError()) {
            log.error("{} on {}", detail, request.getRequestURI());
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
