package org.followthrough.email.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.inbound.Quarantine;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.web.Htmx;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The quarantine for admins: messages that could not be read or placed, newest first, each with
 * its original to download and a retry for when the cause is mended.
 */
@Controller
class QuarantineController {

    private static final int PAGE = 50;

    private final Quarantine quarantine;
    private final MailIngest ingest;
    private final QuarantineRows rows;

    QuarantineController(Quarantine quarantine, MailIngest ingest, QuarantineRows rows) {
        this.quarantine = quarantine;
        this.ingest = ingest;
        this.rows = rows;
    }

    @GetMapping("/admin/mail/quarantine")
    String list(
            @RequestParam(defaultValue = "false") boolean released,
            @RequestParam(required = false) String cursor,
            Model model) {
        var slice = quarantine.list(released, cursor, PAGE);
        model.addAttribute("rows", rows.of(slice.items()));
        model.addAttribute("nextCursor", slice.nextCursor());
        model.addAttribute("released", released);
        return "email/quarantine";
    }

    /** The count on the admin tabs. */
    @GetMapping("/admin/mail/quarantine/count")
    String count(Model model) {
        model.addAttribute("count", quarantine.countOpen());
        return "email/quarantine :: count";
    }

    @GetMapping("/admin/mail/quarantine/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable UUID id) {
        return QuarantineRows.download(
                id, quarantine.raw(id).orElseThrow(() -> new NotFoundException("Quarantined message", id)));
    }

    /** Tries the message again; htmx gets its row back with the outcome, a plain form the page. */
    @PostMapping("/admin/mail/quarantine/{id}/retry")
    String retry(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response, Model model) {
        var result = ingest.retry(id);
        var item = quarantine.find(id).orElseThrow(() -> new NotFoundException("Quarantined message", id));
        var row = rows.retried(item, result);
        if (Htmx.isRequest(request)) {
            response.setHeader("HX-Trigger", "quarantine-changed");
            model.addAttribute("row", row);
            return "email/quarantine :: item";
        }
        model.addAttribute("rows", List.of(row));
        model.addAttribute("nextCursor", null);
        model.addAttribute("released", !item.open());
        model.addAttribute("retried", true);
        return "email/quarantine";
    }
}
