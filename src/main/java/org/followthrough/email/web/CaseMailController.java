package org.followthrough.email.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.email.inbound.MailArchive;
import org.followthrough.email.outbound.Outbox;
import org.followthrough.email.parse.MailHtml;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.web.Htmx;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The mail under a case's timeline entries: who it was from and to, the quoted text, the formatted
 * message, attachments, the original, and for replies whether the mail left. The formatted message
 * is shown in a sandboxed frame from a page of its own whose policy lets nothing run and loads no
 * remote image until the agent asks: sanitised HTML behind a second wall.
 */
@Controller
class CaseMailController {

    /** No script, no plugin, no form, no base; styles inline only; images from us (and, asked, from anywhere). */
    private static final String MAIL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:%s; "
            + "font-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; "
            + "sandbox allow-popups allow-popups-to-escape-sandbox";

    private final CaseQueries cases;
    private final MailArchive archive;
    private final Outbox outbox;
    private final CaseAccess access;

    CaseMailController(CaseQueries cases, MailArchive archive, Outbox outbox, CaseAccess access) {
        this.access = access;
        this.cases = cases;
        this.archive = archive;
        this.outbox = outbox;
    }

    /** Out-of-band fragments, one per mail entry of the case, swapped in under their entries. */
    @GetMapping("/cases/{number}/mail")
    String caseMail(@PathVariable long number, Model model) {
        var c = byNumber(number);
        model.addAttribute("received", archive.receivedOn(c.id()));
        Map<UUID, Outbox.Line> sent = outbox.ofCase(c.id()).stream()
                .filter(line -> line.entryId() != null)
                .collect(Collectors.toMap(Outbox.Line::entryId, line -> line, (a, b) -> b));
        model.addAttribute("sent", sent);
        return "email/case-mail :: decorations";
    }

    /** The frame showing a message's formatted body, re-rendered with remote images when asked. */
    @GetMapping("/mail/messages/{id}/frame")
    String frame(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean remoteImages, Model model) {
        model.addAttribute("messageId", id);
        model.addAttribute("remoteImages", remoteImages);
        return "email/case-mail :: frame";
    }

    @GetMapping("/mail/messages/{id}/html")
    ResponseEntity<String> html(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean remoteImages) {
        var html = archive.html(id).orElseThrow(() -> new NotFoundException("Message", id));
        mayRead(html.caseId(), "Message", id);
        var body = MailHtml.forDisplay(html.html(), cid -> html.inlineImages().get(cid), remoteImages);
        var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">"
                + "<style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;overflow-wrap:anywhere}"
                + "img{max-width:100%;height:auto}.remote-image-blocked{display:inline-block;border:1px dashed #999;"
                + "padding:2px 6px;color:#666;font-size:12px}blockquote{border-left:3px solid #ccc;margin:0 0 0 4px;"
                + "padding-left:8px;color:#555}</style></head><body>" + body + "</body></html>";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header("Content-Security-Policy", MAIL_POLICY.formatted(remoteImages ? " https: http:" : ""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(page);
    }

    @GetMapping("/mail/messages/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable UUID id) {
        var raw = archive.raw(id).orElseThrow(() -> new NotFoundException("Message", id));
        mayRead(raw.caseId(), "Message", id);
        return ResponseEntity.ok()
                .contentType(new MediaType("message", "rfc822"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("message-" + id + ".eml")
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(raw.raw());
    }

    /**
     * An attachment: downloaded, never shown by the browser as a page, except images that cannot
     * run anything, which the formatted message and the timeline show in place.
     */
    @GetMapping("/mail/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
        var found = archive.attachment(id).orElseThrow(() -> new NotFoundException("Attachment", id));
        mayRead(found.caseId(), "Attachment", id);
        var attachment = found.attachment();
        if (attachment.refused() || found.data() == null) {
            throw new NotFoundException("Attachment", id);
        }
        var inline = attachment.safeImage();
        var disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.filename(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(
                        inline
                                ? MediaType.parseMediaType(attachment.contentType())
                                : MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .body(found.data());
    }

    /** The case's owner puts away the note that a reply of theirs did not arrive. */
    @PostMapping("/mail/problems/{id}/seen")
    void problemSeen(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        outbox.problemSeen(id, me.actor());
        Htmx.changed(request, response, "/", "needs-you-changed");
    }

    /** Mail of a case the agent may not read is not found, like the case itself. */
    private void mayRead(CaseId caseId, String what, UUID id) {
        if (caseId == null) {
            return;
        }
        try {
            cases.get(caseId, access.current());
        } catch (NotFoundException e) {
            throw new NotFoundException(what, id);
        }
    }

    private CaseView byNumber(long number) {
        return cases.getByNumber(number, access.current());
    }
}
