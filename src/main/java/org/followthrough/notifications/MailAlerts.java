package org.followthrough.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.email.MailEvents.MailBounced;
import org.followthrough.email.MailEvents.MailNotSent;
import org.followthrough.email.MailTime;
import org.followthrough.email.outbound.AlertMail;
import org.followthrough.email.outbound.AlertMail.Alert;
import org.followthrough.handoff.HandoffEvents.HandoffOffered;
import org.followthrough.handoff.HandoffEvents.HandoffUnanswered;
import org.followthrough.handoff.HandoffQueries;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.followthrough.notifications.AlertSubscriptions.Subscriber;
import org.followthrough.platform.FollowthroughProperties;
import org.followthrough.promise.PromiseEvents.PromiseBroken;
import org.followthrough.promise.PromiseEvents.PromiseDueSoon;
import org.followthrough.promise.PromiseQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Emails agents who asked for it the alerts Needs you now shows them: a promise falling due or
 * broken, a case offered to them, an offer nobody answered, mail on their case that bounced or
 * could not be sent. The alert is queued in the transaction that raised it, so an alert is mailed
 * exactly when what it reports was recorded.
 *
 * <p>Alerts are not threaded onto the case: an agent answering one would otherwise land on the
 * customer's thread as a participant. For the same reason the subject names the case without the
 * {@code [#1042]} token that replies carry.
 */
@Component
class MailAlerts {

    private static final Logger log = LoggerFactory.getLogger(MailAlerts.class);
    private static final Locale LOCALE = Locale.ENGLISH;

    private final AlertSubscriptions subscriptions;
    private final AlertMail mail;
    private final CaseQueries cases;
    private final PromiseQueries promises;
    private final HandoffQueries handoffs;
    private final AgentQueries agents;
    private final MessageSource messages;
    private final FollowthroughProperties properties;

    MailAlerts(
            AlertSubscriptions subscriptions,
            AlertMail mail,
            CaseQueries cases,
            PromiseQueries promises,
            HandoffQueries handoffs,
            AgentQueries agents,
            MessageSource messages,
            FollowthroughProperties properties) {
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.cases = cases;
        this.promises = promises;
        this.handoffs = handoffs;
        this.agents = agents;
        this.messages = messages;
        this.properties = properties;
    }

    @EventListener
    void on(PromiseDueSoon event) {
        var owner = subscriptions.among(List.of(event.ownerId()));
        if (owner.isEmpty()) {
            return;
        }
        var promise = promises.get(event.promiseId());
        var supportCase = cases.get(event.caseId());
        for (var to : owner) {
            send(
                    supportCase,
                    to,
                    "alert.promiseDueSoon.subject",
                    "alert.promiseDueSoon.body",
                    when(event.dueAt(), to),
                    promise.description());
        }
    }

    /** To the owner, and to the supervisors of the promise's team, who answer for it too. */
    @EventListener
    void on(PromiseBroken event) {
        var recipients = subscriptions.among(with(List.of(event.ownerId()), supervisorsOf(event.teamId())));
        if (recipients.isEmpty()) {
            return;
        }
        var promise = promises.get(event.promiseId());
        var supportCase = cases.get(event.caseId());
        for (var to : recipients) {
            var own = to.id().equals(event.ownerId());
            send(
                    supportCase,
                    to,
                    "alert.promiseBroken.subject",
                    own ? "alert.promiseBroken.body" : "alert.promiseBroken.team",
                    when(event.dueAt(), to),
                    promise.description(),
                    promise.owner().name());
        }
    }

    /** To the agent it is offered to, or to every member of the team it is offered to. */
    @EventListener
    void on(HandoffOffered event) {
        var receivers = event.toAgent() != null
                ? List.of(event.toAgent())
                : agents.membersOf(event.toTeam()).stream()
                        .map(AgentView::id)
                        .filter(id -> !id.equals(event.from())
                                && !id.value().equals(event.by().id()))
                        .toList();
        var recipients = subscriptions.among(receivers);
        if (recipients.isEmpty()) {
            return;
        }
        var handoff = handoffs.get(event.handoffId());
        var supportCase = cases.get(event.caseId());
        var toTeam = event.toAgent() == null;
        for (var to : recipients) {
            send(
                    supportCase,
                    to,
                    toTeam ? "alert.handoffOffered.team.subject" : "alert.handoffOffered.subject",
                    toTeam ? "alert.handoffOffered.team.body" : "alert.handoffOffered.body",
                    handoff.offeredByName(),
                    when(event.answerBy(), to),
                    handoff.note(),
                    handoff.receiverName());
        }
    }

    @EventListener
    void on(HandoffUnanswered event) {
        var recipients = subscriptions.among(supervisorsOf(event.team()));
        if (recipients.isEmpty()) {
            return;
        }
        var handoff = handoffs.get(event.handoffId());
        var supportCase = cases.get(event.caseId());
        for (var to : recipients) {
            send(
                    supportCase,
                    to,
                    "alert.handoffUnanswered.subject",
                    "alert.handoffUnanswered.body",
                    handoff.receiverName(),
                    handoff.fromOwnerName());
        }
    }

    /**
     * To the case's owner. A bounce of an address the owner reads (an alert to them that bounced)
     * raises no alert, so a broken address cannot keep mailing itself.
     */
    @EventListener
    void on(MailBounced event) {
        var supportCase = ownedCase(event.caseId());
        if (supportCase == null) {
            return;
        }
        for (var to : subscriptions.among(List.of(supportCase.people().ownerId()))) {
            if (event.addresses().stream().anyMatch(a -> a.equalsIgnoreCase(to.email()))) {
                continue;
            }
            send(
                    supportCase,
                    to,
                    "alert.mailBounced.subject",
                    "alert.mailBounced.body",
                    String.join(", ", event.addresses()),
                    event.reason());
        }
    }

    /** To the case's owner; an alert that could not be sent raises none. */
    @EventListener
    void on(MailNotSent event) {
        var supportCase = ownedCase(event.caseId());
        if (supportCase == null) {
            return;
        }
        if (mail.isAlert(event.outboxId())) {
            return;
        }
        for (var to : subscriptions.among(List.of(supportCase.people().ownerId()))) {
            send(
                    supportCase,
                    to,
                    "alert.mailNotSent.subject",
                    "alert.mailNotSent.body",
                    String.join(", ", event.to()),
                    event.reason());
        }
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Queues one alert. Subject and text are given the case number and subject first, then
     * {@code details}; the text ends with the link to the case.
     */
    private void send(CaseView supportCase, Subscriber to, String subjectKey, String bodyKey, Object... details) {
        var args = new ArrayList<Object>();
        args.add(String.valueOf(supportCase.number()));
        args.add(supportCase.subject());
        for (var detail : details) {
            args.add(detail == null ? "" : detail);
        }
        var subject = messages.getMessage(subjectKey, args.toArray(), LOCALE);
        var base = baseUrl();
        var text = messages.getMessage(bodyKey, args.toArray(), LOCALE)
                + "\n\n"
                + messages.getMessage(
                        "alert.footer",
                        new Object[] {base + "/cases/" + supportCase.number(), base + "/settings/alerts"},
                        LOCALE);
        var from = messages.getMessage("alert.from", null, "Followthrough", LOCALE);
        if (!mail.send(supportCase.people().teamId(), new Alert(to.id(), to.email(), from, subject, text))) {
            log.debug("No active mailbox to send the alert {} on case #{} from", bodyKey, supportCase.number());
        }
    }

    /** Supervisors and admins in the team: they answer for its broken promises and unanswered offers. */
    private List<AgentId> supervisorsOf(TeamId team) {
        if (team == null) {
            return List.of();
        }
        return agents.membersOf(team).stream()
                .filter(a -> a.isAtLeast(Role.SUPERVISOR))
                .map(AgentView::id)
                .toList();
    }

    private CaseView ownedCase(CaseId caseId) {
        if (caseId == null) {
            return null;
        }
        return cases.find(caseId).filter(c -> c.people().ownerId() != null).orElse(null);
    }

    private String when(Instant at, Subscriber to) {
        return MailTime.formatted(at, to.zone(), LOCALE);
    }

    private String baseUrl() {
        var base = properties.baseUrl().strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static List<AgentId> with(List<AgentId> first, List<AgentId> then) {
        var all = new LinkedHashSet<AgentId>(first);
        then.stream().filter(Objects::nonNull).forEach(all::add);
        return List.copyOf(all);
    }
}
