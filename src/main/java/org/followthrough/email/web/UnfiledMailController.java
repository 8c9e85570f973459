package org.followthrough.email.web;

import java.util.UUID;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.inbound.UnfiledMail;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Mail not filed, for admins: what was recorded on no case (bulk mail, notifications, automatic
 * replies and bounces that answer nothing), with the reason and the original, and a button that
 * files it as a case.
 */
@Controller
class UnfiledMailController {

    private static final int PAGE = 50;

    private final UnfiledMail unfiled;
    private final MailIngest ingest;
    private final UnfiledMailRows rows;

    UnfiledMailController(UnfiledMail unfiled, MailIngest ingest, UnfiledMailRows rows) {
        this.unfiled = unfiled;
        this.ingest = ingest;
        this.rows = rows;
    }

    @GetMapping("/admin/mail/not-filed")
    String list(
            @RequestParam(defaultValue = "false") boolean filed,
            @RequestParam(required = false) String cursor,
            Model model) {
        var slice = unfiled.list(filed, cursor, PAGE);
        model.addAttribute("rows", rows.of(slice.items()));
        model.addAttribute("nextCursor", slice.nextCursor());
        model.addAttribute("filed", filed);
        return "email/not-filed";
    }

    @GetMapping("/admin/mail/not-filed/{id}")
    String detail(@PathVariable UUID id, Model model) {
        var item = find(id);
        var raw = unfiled.raw(id).orElse(new byte[0]);
        model.addAttribute("row", rows.of(item));
        model.addAttribute("source", UnfiledMailRows.source(raw));
        model.addAttribute("cut", raw.length > UnfiledMailRows.SOURCE_SHOWN);
        return "email/not-filed-message";
    }

    @GetMapping("/admin/mail/not-filed/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable UUID id) {
        return UnfiledMailRows.download(
                id, unfiled.raw(id).orElseThrow(() -> new NotFoundException("Received message", id)));
    }

    /** Files the message and opens its case; a second request (a double click, a resubmitted form) lands there too. */
    @PostMapping("/admin/mail/not-filed/{id}/file")
    String file(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        find(id);
        var filed = ingest.fileAsCase(id, me.actor());
        return "redirect:/cases/" + rows.number(filed.caseId());
    }

    private UnfiledMail.Item find(UUID id) {
        return unfiled.find(id).orElseThrow(() -> new NotFoundException("Received message", id));
    }
}
