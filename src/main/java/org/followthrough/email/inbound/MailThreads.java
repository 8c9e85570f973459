package org.followthrough.email.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.email.parse.MailAddress;
import org.followthrough.email.parse.ParsedMail;
import org.springframework.stereotype.Component;

/** Which case a received message answers: by the Message-IDs it refers to, else by the case token in its subject. */
@Component
class MailThreads {

    /** The token replies carry in their subject: {@code [#1042]}. */
    static final Pattern CASE_TOKEN = Pattern.compile("\\[#(\\d{1,18})]");

    private final MailStore store;
    private final CaseQueries cases;
    private final CustomerQueries customers;

    MailThreads(MailStore store, CaseQueries cases, CustomerQueries customers) {
        this.store = store;
        this.cases = cases;
        this.customers = customers;
    }

    /**
     * The case a message answers. {@code trusted}: found by the Message-IDs it answers, or by the
     * case token from the customer or someone on the thread. A stranger who only knows a case number
     * may add to the case, but does not join its thread (and so does not receive its replies).
     */
    record Threaded(CaseId caseId, boolean trusted) {}

    Optional<Threaded> of(ParsedMail mail, MailAddress sender) {
        var byHeaders = store.caseOfMessages(headerReferences(mail));
        if (byHeaders.isPresent()) {
            return byHeaders.map(id -> new Threaded(id, true));
        }
        var token = CASE_TOKEN.matcher(mail.subject());
        while (token.find()) {
            var found = cases.findByNumber(Long.parseLong(token.group(1)));
            if (found.isPresent()) {
                var c = found.get();
                boolean known = customers
                                .findByEmail(sender.address())
                                .filter(customer ->
                                        customer.id().equals(c.people().customerId()))
                                .isPresent()
                        || store.isParticipant(c.id(), sender.address());
                return Optional.of(new Threaded(c.id(), known));
            }
        }
        return Optional.empty();
    }

    /** In-Reply-To first, then References newest first: the message it answers most directly. */
    static List<String> headerReferences(ParsedMail mail) {
        var keys = new ArrayList<String>();
        if (mail.inReplyTo() != null) {
            keys.add(mail.inReplyTo());
        }
        keys.addAll(mail.references().reversed());
        return keys;
    }
}
