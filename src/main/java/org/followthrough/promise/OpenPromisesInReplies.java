package org.followthrough.promise;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Locale;
import org.followthrough.cases.CaseId;
import org.followthrough.email.MailTime;
import org.followthrough.email.ReplyAddition;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Lists the promises still open on a case under a reply by email, when the agent asks for it. */
@Component
class OpenPromisesInReplies implements ReplyAddition {

    private final PromiseQueries promises;
    private final MessageSource messages;

    OpenPromisesInReplies(PromiseQueries promises, MessageSource messages) {
        this.promises = promises;
        this.messages = messages;
    }

    @Override
    public String under(CaseId caseId, ZoneId zone, Locale locale) {
        var open = promises.visibleToCustomer(caseId).stream()
                .filter(p -> p.state() == PromiseState.OPEN
                        || p.state() == PromiseState.RENEGOTIATED
                        || p.state() == PromiseState.BROKEN)
                .toList();
        if (open.isEmpty()) {
            return "";
        }
        var lines = new ArrayList<String>();
        lines.add("");
        lines.add("");
        lines.add(messages.getMessage("mail.reply.promises", null, locale));
        for (var promise : open) {
            var when = MailTime.formatted(promise.dueAt(), zone, locale);
            lines.add(messages.getMessage(
                    promise.state() == PromiseState.BROKEN ? "mail.reply.promise.late" : "mail.reply.promise",
                    new Object[] {promise.description(), when},
                    locale));
        }
        return String.join("\n", lines);
    }
}
