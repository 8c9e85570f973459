package org.followthrough.email.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.followthrough.email.mailboxes.ConnectionReport;
import org.followthrough.email.mailboxes.MailSecurity;
import org.followthrough.email.mailboxes.MailboxChanges;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxDraft;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.MergePatch;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** Mailboxes for admins. Passwords are write-only: a response says whether one is set, never which. */
@RestController
@Tag(name = "Mailboxes")
@RequestMapping("/api/v1/mailboxes")
class MailboxApiController {

    private static final Set<String> CHANGEABLE =
            Set.of("address", "displayName", "teamId", "imap", "smtp", "pollIntervalSeconds", "acknowledge", "active");
    private static final Set<String> IMAP_FIELDS = Set.of("host", "port", "security", "user", "password", "folder");
    private static final Set<String> SMTP_FIELDS = Set.of("host", "port", "security", "user", "password");

    private final MailboxDesk mailboxes;

    MailboxApiController(MailboxDesk mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** A new mailbox. Ports default to the usual one of the security; the folder to INBOX. */
    record NewMailbox(
            String address,
            String displayName,
            UUID teamId,
            ImapBody imap,
            SmtpBody smtp,

            @Schema(description = "Seconds between polls, 5 to 86400; 60 when absent")
            Integer pollIntervalSeconds,

            @Schema(description = "Send an acknowledgement to new cases; true when absent")
            Boolean acknowledge,

            @Schema(description = "Read and send from it; true when absent")
            Boolean active) {}

    record ImapBody(
            String host,

            @Schema(description = "143, or 993 with tls, when absent")
            Integer port,

            @Schema(allowableValues = {"none", "starttls", "tls"})
            String security,

            String user,

            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY)
            String password,

            @Schema(description = "INBOX when absent") String folder) {

        @Override
        public String toString() {
            return "ImapBody[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                    + ", folder=" + folder + "]";
        }
    }

    record SmtpBody(
            String host,

            @Schema(description = "25, 587 with starttls, or 465 with tls, when absent")
            Integer port,

            @Schema(allowableValues = {"none", "starttls", "tls"})
            String security,

            @Schema(description = "Absent or empty: send without signing in")
            String user,

            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY)
            String password) {

        @Override
        public String toString() {
            return "SmtpBody[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user + "]";
        }
    }

    /** The fields a merge patch may carry; documents the contract, the patch itself is read as JSON. */
    record MailboxPatch(
            String address,
            String displayName,

            @Schema(description = "null takes the mailbox out of its team")
            UUID teamId,

            ImapBody imap,

            @Schema(description = "An empty password keeps the stored one; null removes it")
            SmtpBody smtp,

            Integer pollIntervalSeconds,
            Boolean acknowledge,
            Boolean active) {}

    /** How trying the servers went, one side at a time. */
    record ConnectionResponse(boolean ok, Side imap, Side smtp) {

        record Side(boolean ok, String message) {}

        static ConnectionResponse of(ConnectionReport r) {
            return new ConnectionResponse(
                    r.ok(), new Side(r.imapOk(), r.imapMessage()), new Side(r.smtpOk(), r.smtpMessage()));
        }
    }

    record Items<T>(List<T> items) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a mailbox", description = "Admins only. Polling starts at once when it is active.")
    ResponseEntity<MailboxResponse> create(@RequestBody NewMailbox body, @AuthenticationPrincipal SignedInAgent agent) {
        var imap = body.imap() == null ? new ImapBody(null, null, null, null, null, null) : body.imap();
        var smtp = body.smtp() == null ? new SmtpBody(null, null, null, null, null) : body.smtp();
        var draft = new MailboxDraft(
                body.address(),
                body.displayName(),
                TeamId.of(body.teamId()),
                new MailboxDraft.Server(
                        imap.host(),
                        imap.port(),
                        ApiNames.parse(MailSecurity.class, "imap.security", imap.security()),
                        imap.user(),
                        imap.password()),
                imap.folder(),
                new MailboxDraft.Server(
                        smtp.host(),
                        smtp.port(),
                        ApiNames.parse(MailSecurity.class, "smtp.security", smtp.security()),
                        smtp.user(),
                        smtp.password()),
                body.pollIntervalSeconds(),
                body.acknowledge() == null || body.acknowledge(),
                body.active() == null || body.active());
        var created = MailboxResponse.of(mailboxes.create(draft, agent.actor()));
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @Operation(summary = "List the mailboxes", description = "Admins only. By address.")
    Items<MailboxResponse> list() {
        return new Items<>(mailboxes.list().stream().map(MailboxResponse::of).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a mailbox", description = "Admins only.")
    MailboxResponse get(@PathVariable UUID id) {
        return MailboxResponse.of(mailboxes.get(new MailboxId(id)));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Change a mailbox (JSON merge patch)",
            description = "Admins only. Only the fields present change, inside imap and smtp too. An empty or absent "
                    + "password keeps the stored one. null removes teamId, smtp.user and smtp.password; other "
                    + "fields cannot be removed. Changing how the mailbox is read starts a poll at once.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = MailboxPatch.class))))
    MailboxResponse change(
            @PathVariable UUID id, @RequestBody JsonNode body, @AuthenticationPrincipal SignedInAgent agent) {
        var patch = MergePatch.of(body, CHANGEABLE);
        if (patch.removes("imap") || patch.removes("smtp")) {
            throw new InvalidInputException(patch.removes("imap") ? "imap" : "smtp", "cannot be removed");
        }
        var imap = patch.has("imap") ? within("imap", () -> imap(patch.node("imap"))) : null;
        var imapFolder = patch.has("imap") ? within("imap", () -> folder(patch.node("imap"))) : null;
        var smtp = patch.has("smtp") ? within("smtp", () -> smtp(patch.node("smtp"))) : null;
        var changes = new MailboxChanges(
                patch.text("address"),
                patch.text("displayName"),
                patch.removes("teamId") ? null : TeamId.of(patch.uuid("teamId")),
                patch.removes("teamId"),
                imap,
                imapFolder,
                smtp,
                integer(patch, "pollIntervalSeconds"),
                bool(patch, "acknowledge"),
                bool(patch, "active"));
        return MailboxResponse.of(mailboxes.update(new MailboxId(id), changes, agent.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a mailbox",
            description = "Admins only. Mail it received stays on its cases. To stop polling for a while, "
                    + "set active to false instead.")
    void delete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        mailboxes.delete(new MailboxId(id), agent.actor());
    }

    @PostMapping("/{id}/test")
    @Operation(
            summary = "Try a mailbox's servers",
            description = "Admins only. Signs in to IMAP and opens the folder read-only, connects to SMTP; "
                    + "says in plain words how each went. Changes nothing; takes up to about 40 seconds "
                    + "when a server does not answer.")
    ConnectionResponse test(@PathVariable UUID id) {
        return ConnectionResponse.of(mailboxes.test(new MailboxId(id)));
    }

    // patch reading -----------------------------------------------------------

    private static MailboxChanges.Server imap(JsonNode node) {
        var side = side(node, IMAP_FIELDS);
        return new MailboxChanges.Server(
                side.text("host"),
                integer(side, "port"),
                side.oneOf("security", MailSecurity.class),
                side.text("user"),
                side.text("password"),
                false);
    }

    private static String folder(JsonNode node) {
        return side(node, IMAP_FIELDS).text("folder");
    }

    private static MailboxChanges.Server smtp(JsonNode node) {
        var side = side(node, SMTP_FIELDS);
        return new MailboxChanges.Server(
                side.text("host"),
                integer(side, "port"),
                side.oneOf("security", MailSecurity.class),
                side.removes("user") ? "" : side.text("user"),
                side.removes("password") ? null : side.text("password"),
                side.removes("password"));
    }

    private static MergePatch side(JsonNode node, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("", "must be an object");
        }
        return MergePatch.of(node, fields);
    }

    private static Integer integer(MergePatch patch, String field) {
        if (!patch.has(field)) {
            return null;
        }
        var node = patch.node(field);
        if (node == null) {
            throw new InvalidInputException(field, "cannot be removed");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidInputException(field, "must be a whole number");
        }
        return node.intValue();
    }

    private static Boolean bool(MergePatch patch, String field) {
        if (!patch.has(field)) {
            return null;
        }
        var node = patch.node(field);
        if (node == null) {
            throw new InvalidInputException(field, "cannot be removed");
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException(field, "must be true or false");
        }
        return node.booleanValue();
    }

    /** Names a problem inside {@code imap} or {@code smtp} by its full path, such as {@code imap.port}. */
    private static <T> T within(String prefix, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            var problem = e.getMessage().substring(e.field().length()).strip();
            throw new InvalidInputException(e.field().isEmpty() ? prefix : prefix + "." + e.field(), problem);
        }
    }
}
