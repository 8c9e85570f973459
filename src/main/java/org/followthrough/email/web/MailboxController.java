package org.followthrough.email.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.email.mailboxes.MailSecurity;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxChanges;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxDraft;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.followthrough.platform.web.Htmx;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The mailboxes page of the admin console: the list, the form to add or change one, trying its
 * servers, and removing it. Passwords go in and are never shown again.
 */
@Controller
class MailboxController {

    private final MailboxDesk mailboxes;
    private final AgentQueries agents;

    MailboxController(MailboxDesk mailboxes, AgentQueries agents) {
        this.mailboxes = mailboxes;
        this.agents = agents;
    }

    /**
     * The form as typed: free text, so that a refused form comes back as it was, except for the
     * passwords, which are never written into a page.
     */
    record MailboxForm(
            UUID id,
            String address,
            String displayName,
            String teamId,
            String imapHost,
            String imapPort,
            String imapSecurity,
            String imapUser,
            String imapPassword,
            String imapFolder,
            String smtpHost,
            String smtpPort,
            String smtpSecurity,
            String smtpUser,
            String smtpPassword,
            String smtpPasswordClear,
            String pollIntervalSeconds,
            String acknowledge,
            String active) {

        static MailboxForm empty() {
            return new MailboxForm(
                    null,
                    "",
                    "",
                    "",
                    "",
                    "993",
                    "TLS",
                    "",
                    null,
                    "INBOX",
                    "",
                    "587",
                    "STARTTLS",
                    "",
                    null,
                    null,
                    "60",
                    "true",
                    "true");
        }

        static MailboxForm of(Mailbox m) {
            return new MailboxForm(
                    m.id().value(),
                    m.address(),
                    m.displayName(),
                    m.teamId() == null ? "" : m.teamId().toString(),
                    m.imap().host(),
                    String.valueOf(m.imap().port()),
                    m.imap().security().name(),
                    m.imap().user(),
                    null,
                    m.imapFolder(),
                    m.smtp().host(),
                    String.valueOf(m.smtp().port()),
                    m.smtp().security().name(),
                    m.smtp().user(),
                    null,
                    null,
                    String.valueOf(m.pollInterval().toSeconds()),
                    String.valueOf(m.acknowledge()),
                    String.valueOf(m.active()));
        }

        MailboxForm withId(UUID id) {
            return new MailboxForm(
                    id,
                    address,
                    displayName,
                    teamId,
                    imapHost,
                    imapPort,
                    imapSecurity,
                    imapUser,
                    null,
                    imapFolder,
                    smtpHost,
                    smtpPort,
                    smtpSecurity,
                    smtpUser,
                    null,
                    smtpPasswordClear,
                    pollIntervalSeconds,
                    acknowledge,
                    active);
        }

        MailboxDraft draft() {
            return new MailboxDraft(
                    address,
                    displayName,
                    team(),
                    new MailboxDraft.Server(
                            imapHost,
                            number(imapPort, "imap.port"),
                            security(imapSecurity, "imap.security"),
                            imapUser,
                            imapPassword),
                    blank(imapFolder) ? null : imapFolder,
                    new MailboxDraft.Server(
                            smtpHost,
                            number(smtpPort, "smtp.port"),
                            security(smtpSecurity, "smtp.security"),
                            smtpUser,
                            smtpPassword),
                    number(pollIntervalSeconds, "pollIntervalSeconds"),
                    checked(acknowledge),
                    checked(active));
        }

        /** Every field of the form is sent, so every field is a change; a blank password keeps the old one. */
        MailboxChanges changes() {
            var team = team();
            return new MailboxChanges(
                    text(address),
                    text(displayName),
                    team,
                    team == null,
                    new MailboxChanges.Server(
                            text(imapHost),
                            number(imapPort, "imap.port"),
                            security(imapSecurity, "imap.security"),
                            text(imapUser),
                            imapPassword,
                            false),
                    text(imapFolder),
                    new MailboxChanges.Server(
                            text(smtpHost),
                            number(smtpPort, "smtp.port"),
                            security(smtpSecurity, "smtp.security"),
                            text(smtpUser),
                            smtpPassword,
                            checked(smtpPasswordClear)),
                    number(pollIntervalSeconds, "pollIntervalSeconds"),
                    checked(acknowledge),
                    checked(active));
        }

        @Override
        public String toString() {
            return "MailboxForm[id=" + id + ", address=" + address + "]";
        }

        private TeamId team() {
            return blank(teamId) ? null : new TeamId(Ids.parse(teamId, "teamId"));
        }

        private static String text(String value) {
            return value == null ? "" : value;
        }

        private static Integer number(String value, String field) {
            if (blank(value)) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, "must be a whole number");
            }
        }

        private static MailSecurity security(String value, String field) {
            if (blank(value)) {
                return null;
            }
            try {
                return MailSecurity.valueOf(value.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, "must be NONE, STARTTLS or TLS");
            }
        }

        private static boolean checked(String value) {
            return "true".equals(value) || "on".equals(value);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    @GetMapping("/admin/mailboxes")
    String list(Model model) {
        model.addAttribute("mailboxes", mailboxes.list());
        model.addAttribute("teamNames", teamNames());
        return "email/mailboxes";
    }

    @GetMapping("/admin/mailboxes/new")
    String create(Model model) {
        return form(MailboxForm.empty(), null, model);
    }

    @PostMapping("/admin/mailboxes")
    String created(@ModelAttribute MailboxForm form, @AuthenticationPrincipal SignedInAgent me, Model model) {
        try {
            Text.check(form);
            var mailbox = mailboxes.create(form.draft(), me.actor());
            return "redirect:/admin/mailboxes/" + mailbox.id() + "?created";
        } catch (InvalidInputException | ConflictException e) {
            return form(form.withId(null), e, model);
        }
    }

    @GetMapping("/admin/mailboxes/{id}")
    String edit(@PathVariable UUID id, Model model) {
        return form(MailboxForm.of(mailboxes.get(new MailboxId(id))), null, model);
    }

    @PostMapping("/admin/mailboxes/{id}")
    String updated(
            @PathVariable UUID id,
            @ModelAttribute MailboxForm form,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        try {
            Text.check(form);
            mailboxes.update(new MailboxId(id), form.changes(), me.actor());
            return "redirect:/admin/mailboxes/" + id + "?saved";
        } catch (InvalidInputException | ConflictException e) {
            return form(form.withId(id), e, model);
        }
    }

    /** Tries the saved settings; answers the result fragment for htmx, the whole form otherwise. */
    @PostMapping("/admin/mailboxes/{id}/test")
    String test(@PathVariable UUID id, HttpServletRequest request, Model model) {
        var mailboxId = new MailboxId(id);
        model.addAttribute("report", mailboxes.test(mailboxId));
        if (Htmx.isRequest(request)) {
            return "email/mailbox-form :: test-result";
        }
        return form(MailboxForm.of(mailboxes.get(mailboxId)), null, model);
    }

    @PostMapping("/admin/mailboxes/{id}/delete")
    void delete(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        mailboxes.delete(new MailboxId(id), me.actor());
        var to = request.getContextPath() + "/admin/mailboxes?deleted";
        if (Htmx.isRequest(request)) {
            response.setHeader("HX-Redirect", to);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(to);
    }

    private String form(MailboxForm form, RuntimeException error, Model model) {
        model.addAttribute("form", form);
        model.addAttribute(
                "mailbox",
                form.id() == null
                        ? null
                        : mailboxes.find(new MailboxId(form.id())).orElse(null));
        model.addAttribute("teams", agents.teams());
        model.addAttribute("securities", MailSecurity.values());
        model.addAttribute("error", error == null ? null : error.getMessage());
        if (error instanceof InvalidInputException invalid) {
            // Next to its field the problem reads without the field's name: "must not be blank".
            model.addAttribute("errorField", invalid.field());
            model.addAttribute(
                    "fieldError",
                    invalid.getMessage().substring(invalid.field().length()).strip());
        }
        return "email/mailbox-form";
    }

    private Map<TeamId, String> teamNames() {
        return agents.teams().stream().collect(Collectors.toMap(TeamView::id, TeamView::name, (a, b) -> a));
    }
}
