package org.followthrough.email.mailboxes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.followthrough.audit.AuditLog;
import org.followthrough.identity.AgentQueries;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.timer.Timers;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mailboxes the desk reads and sends from: their settings, checked before they are saved, and a
 * way to try them. Saving settings that change what is read starts a poll at once; a mailbox that is
 * switched off or removed is no longer polled.
 */
@NamedInterface("mailboxes")
@Service
public class MailboxDesk {

    /** The timer that polls a mailbox; its subject is the mailbox id. */
    public static final String POLL_TIMER = "mail.poll";

    static final String DEFAULT_FOLDER = "INBOX";
    static final int DEFAULT_POLL_SECONDS = 60;
    static final int MIN_POLL_SECONDS = 5;
    static final int MAX_POLL_SECONDS = 86_400;

    private final Mailboxes store;
    private final MailServers servers;
    private final AgentQueries agents;
    private final AuditLog audit;
    private final Timers timers;
    private final Clock clock;

    MailboxDesk(Mailboxes store, MailServers servers, AgentQueries agents, AuditLog audit, Timers timers, Clock clock) {
        this.store = store;
        this.servers = servers;
        this.agents = agents;
        this.audit = audit;
        this.timers = timers;
        this.clock = clock;
    }

    public Optional<Mailbox> find(MailboxId id) {
        return store.find(id);
    }

    public Mailbox get(MailboxId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Mailbox", id));
    }

    /** Every mailbox, by address. */
    public List<Mailbox> list() {
        return store.list();
    }

    /** The mailboxes that are read and sent from, by address. */
    public List<Mailbox> active() {
        return store.active();
    }

    /** The mailbox with this address, whatever its case. */
    public Optional<Mailbox> byAddress(String address) {
        return address == null || address.isBlank() ? Optional.empty() : store.byAddress(address.strip());
    }

    @Transactional
    public Mailbox create(MailboxDraft draft, Actor by) {
        Objects.requireNonNull(draft, "draft");
        var imap = draft.imap() == null ? new MailboxDraft.Server(null, null, null, null, null) : draft.imap();
        var smtp = draft.smtp() == null ? new MailboxDraft.Server(null, null, null, null, null) : draft.smtp();
        var row = checked(new Mailboxes.Row(
                draft.address(),
                draft.displayName(),
                draft.teamId(),
                imap.host(),
                port(imap.port(), imap.security(), "imap"),
                imap.security(),
                imap.user(),
                draft.imapFolder() == null ? DEFAULT_FOLDER : draft.imapFolder(),
                smtp.host(),
                port(smtp.port(), smtp.security(), "smtp"),
                smtp.security(),
                smtp.user() == null ? "" : smtp.user(),
                draft.pollIntervalSeconds() == null ? DEFAULT_POLL_SECONDS : draft.pollIntervalSeconds(),
                draft.acknowledge(),
                draft.active()));
        if (store.byAddress(row.address()).isPresent()) {
            throw new ConflictException("A mailbox with the address " + row.address() + " already exists");
        }
        var id = new MailboxId(Ids.newId());
        var imapPassword = imap.password() == null ? "" : imap.password();
        var smtpPassword = smtp.password() == null ? "" : smtp.password();
        store.insert(id, row, imapPassword, smtpPassword, clock.instant());
        audit.record(
                by,
                "mailbox",
                id.value(),
                "created",
                null,
                view(row, !imapPassword.isEmpty(), !smtpPassword.isEmpty()));
        if (row.active()) {
            timers.set(POLL_TIMER, id.value(), clock.instant());
        }
        return get(id);
    }

    @Transactional
    public Mailbox update(MailboxId id, MailboxChanges changes, Actor by) {
        Objects.requireNonNull(changes, "changes");
        var before = store.lock(id).orElseThrow(() -> new NotFoundException("Mailbox", id));
        var imap = changes.imap() == null ? MailboxChanges.Server.UNCHANGED : changes.imap();
        var smtp = changes.smtp() == null ? MailboxChanges.Server.UNCHANGED : changes.smtp();
        if (imap.clearPassword()) {
            throw new InvalidInputException("imap.password", "cannot be removed: the IMAP server needs one");
        }
        if (smtp.clearPassword() && !blank(smtp.password())) {
            throw new InvalidInputException("smtp.password", "cannot be both given and removed");
        }
        var imapSecurity = or(imap.security(), before.imap().security());
        var smtpSecurity = or(smtp.security(), before.smtp().security());
        var row = checked(new Mailboxes.Row(
                or(changes.address(), before.address()),
                or(changes.displayName(), before.displayName()),
                changes.removeTeam() ? null : or(changes.teamId(), before.teamId()),
                or(imap.host(), before.imap().host()),
                changedPort(imap.port(), before.imap(), imapSecurity, "imap"),
                imapSecurity,
                or(imap.user(), before.imap().user()),
                or(changes.imapFolder(), before.imapFolder()),
                or(smtp.host(), before.smtp().host()),
                changedPort(smtp.port(), before.smtp(), smtpSecurity, "smtp"),
                smtpSecurity,
                or(smtp.user(), before.smtp().user()),
                or(changes.pollIntervalSeconds(), (int) before.pollInterval().toSeconds()),
                or(changes.acknowledge(), before.acknowledge()),
                or(changes.active(), before.active())));
        store.byAddress(row.address()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new ConflictException("A mailbox with the address " + row.address() + " already exists");
        });
        var newImapPassword = blank(imap.password()) ? null : imap.password();
        var newSmtpPassword = smtp.clearPassword() ? "" : blank(smtp.password()) ? null : smtp.password();
        store.update(id, row, newImapPassword, newSmtpPassword, clock.instant());
        var beforeRow = row(before);
        audit.record(
                by,
                "mailbox",
                id.value(),
                "updated",
                view(beforeRow, false, false),
                view(row, newImapPassword != null, newSmtpPassword != null));
        boolean readsDifferently = newImapPassword != null
                || !row.imapHost().equals(beforeRow.imapHost())
                || row.imapPort() != beforeRow.imapPort()
                || row.imapSecurity() != beforeRow.imapSecurity()
                || !row.imapUser().equals(beforeRow.imapUser())
                || !row.imapFolder().equals(beforeRow.imapFolder())
                || row.pollIntervalSeconds() != beforeRow.pollIntervalSeconds();
        if (!row.active()) {
            timers.clear(POLL_TIMER, id.value());
        } else if (!before.active() || readsDifferently) {
            timers.set(POLL_TIMER, id.value(), clock.instant());
        }
        return get(id);
    }

    /**
     * Removes a mailbox. Mail it received stays on its cases; replies on those cases go out through
     * another mailbox.
     */
    @Transactional
    public void delete(MailboxId id, Actor by) {
        var before = store.lock(id).orElseThrow(() -> new NotFoundException("Mailbox", id));
        store.delete(id);
        timers.clear(POLL_TIMER, id.value());
        audit.record(by, "mailbox", id.value(), "deleted", view(row(before), false, false), null);
    }

    /** Tries the mailbox's saved settings against its servers; changes nothing. */
    public ConnectionReport test(MailboxId id) {
        return servers.test(get(id));
    }

    /**
     * Takes the mailbox's poll lease for {@code lease} from {@code now}: false when another node is
     * polling it, so one mailbox is read by one node at a time.
     */
    public boolean takePollLease(MailboxId id, Instant now, Duration lease) {
        return store.lease(id, now, now.plus(lease));
    }

    /** Keeps the poll lease while a long poll goes on. */
    public void renewPollLease(MailboxId id, Duration lease) {
        store.renewLease(id, clock.instant().plus(lease));
    }

    /** Ends a poll: the lease is given back and the outcome recorded (null when it went well). */
    public void endPoll(MailboxId id, String errorOrNull) {
        store.releaseLease(id);
        store.recordPoll(id, clock.instant(), errorOrNull);
    }

    // checks ------------------------------------------------------------------

    private Mailboxes.Row checked(Mailboxes.Row row) {
        var address = address(row.address());
        if (blank(row.displayName())) {
            throw new InvalidInputException("displayName", "must not be blank");
        }
        if (row.teamId() != null && agents.findTeam(row.teamId()).isEmpty()) {
            throw new InvalidInputException("teamId", "is not a team of this desk");
        }
        var imapHost = host(row.imapHost(), "imap.host");
        security(row.imapSecurity(), "imap.security");
        port(row.imapPort(), "imap.port");
        if (blank(row.imapUser())) {
            throw new InvalidInputException("imap.user", "must not be blank");
        }
        if (blank(row.imapFolder())) {
            throw new InvalidInputException("imap.folder", "must not be blank");
        }
        var smtpHost = host(row.smtpHost(), "smtp.host");
        security(row.smtpSecurity(), "smtp.security");
        port(row.smtpPort(), "smtp.port");
        var seconds = row.pollIntervalSeconds();
        if (seconds < MIN_POLL_SECONDS || seconds > MAX_POLL_SECONDS) {
            throw new InvalidInputException(
                    "pollIntervalSeconds",
                    "must be between " + MIN_POLL_SECONDS + " and " + MAX_POLL_SECONDS + " seconds");
        }
        return new Mailboxes.Row(
                address,
                row.displayName().strip(),
                row.teamId(),
                imapHost,
                row.imapPort(),
                row.imapSecurity(),
                row.imapUser().strip(),
                row.imapFolder().strip(),
                smtpHost,
                row.smtpPort(),
                row.smtpSecurity(),
                row.smtpUser() == null ? "" : row.smtpUser().strip(),
                seconds,
                row.acknowledge(),
                row.active());
    }

    private static String address(String text) {
        if (blank(text)) {
            throw new InvalidInputException("address", "must not be blank");
        }
        var address = text.strip();
        if (!EmailAddress.isValid(address)) {
            throw new InvalidInputException("address", "must be an email address such as support@example.com");
        }
        return address;
    }

    private static String host(String text, String field) {
        if (blank(text)) {
            throw new InvalidInputException(field, "must not be blank");
        }
        var host = text.strip();
        if (host.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(field, "must be a server name without spaces, such as imap.example.com");
        }
        return host;
    }

    private static void security(MailSecurity security, String field) {
        if (security == null) {
            throw new InvalidInputException(field, "must be one of " + ApiNames.valuesOf(MailSecurity.class));
        }
    }

    private static void port(int port, String field) {
        if (port < 1 || port > 65_535) {
            throw new InvalidInputException(field, "must be between 1 and 65535");
        }
    }

    /** The port given, or the usual one of the security; 0 (refused later) when neither is known. */
    private static int port(Integer port, MailSecurity security, String side) {
        if (port != null) {
            return port;
        }
        return security == null ? 0 : usualPort(side, security);
    }

    /** A mailbox that used the usual port moves to the new security's usual port unless told otherwise. */
    private static int changedPort(Integer port, Mailbox.Server before, MailSecurity security, String side) {
        if (port != null) {
            return port;
        }
        if (security != before.security() && before.port() == usualPort(side, before.security())) {
            return usualPort(side, security);
        }
        return before.port();
    }

    /** IMAP 143 or 993 with TLS; SMTP 25, 587 with STARTTLS (submission), 465 with TLS. */
    static int usualPort(String side, MailSecurity security) {
        return switch (side) {
            case "imap" -> security == MailSecurity.TLS ? 993 : 143;
            default ->
                switch (security) {
                    case NONE -> 25;
                    case STARTTLS -> 587;
                    case TLS -> 465;
                };
        };
    }

    // helpers -----------------------------------------------------------------

    private static Mailboxes.Row row(Mailbox m) {
        return new Mailboxes.Row(
                m.address(),
                m.displayName(),
                m.teamId(),
                m.imap().host(),
                m.imap().port(),
                m.imap().security(),
                m.imap().user(),
                m.imapFolder(),
                m.smtp().host(),
                m.smtp().port(),
                m.smtp().security(),
                m.smtp().user(),
                (int) m.pollInterval().toSeconds(),
                m.acknowledge(),
                m.active());
    }

    /** What the audit log keeps of a mailbox: everything but its passwords. */
    private static Map<String, Object> view(
            Mailboxes.Row row, boolean imapPasswordChanged, boolean smtpPasswordChanged) {
        var imap = new LinkedHashMap<String, Object>();
        imap.put("host", row.imapHost());
        imap.put("port", row.imapPort());
        imap.put("security", row.imapSecurity().name());
        imap.put("user", row.imapUser());
        imap.put("folder", row.imapFolder());
        if (imapPasswordChanged) {
            imap.put("passwordChanged", true);
        }
        var smtp = new LinkedHashMap<String, Object>();
        smtp.put("host", row.smtpHost());
        smtp.put("port", row.smtpPort());
        smtp.put("security", row.smtpSecurity().name());
        smtp.put("user", row.smtpUser());
        if (smtpPasswordChanged) {
            smtp.put("passwordChanged", true);
        }
        var view = new LinkedHashMap<String, Object>();
        view.put("address", row.address());
        view.put("displayName", row.displayName());
        view.put("teamId", row.teamId() == null ? null : row.teamId().toString());
        view.put("imap", imap);
        view.put("smtp", smtp);
        view.put("pollIntervalSeconds", row.pollIntervalSeconds());
        view.put("acknowledge", row.acknowledge());
        view.put("active", row.active());
        return view;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
