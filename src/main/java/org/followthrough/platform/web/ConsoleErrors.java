package org.followthrough.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors in the console. An htmx action that is refused shows its reason in the page's message
 * area and changes nothing else; a page that cannot be shown renders the error page.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleErrors {

    private final MessageSource messages;

    ConsoleErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({InvalidInputException.class, ConflictException.class})
    String refused(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = e instanceof ConflictException ? 409 : 422;
        return show(status, e.getMessage(), request, response, model);
    }

    /** Two people doing the same thing at once: the second is told, and nothing is half-written. */
    @ExceptionHandler(DuplicateKeyException.class)
    String duplicate(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        var message = messages.getMessage("error.concurrent", null, LocaleContextHolder.getLocale());
        return show(409, message, request, response, model);
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(403, e.getMessage(), request, response, model);
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(404, e.getMessage(), request, response, model);
    }

    private static String show(
            int status, String message, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("message", message);
        model.addAttribute("status", status);
        if (Htmx.isRequest(request)) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "fragments :: flash-error";
        }
        return "error";
    }
}
