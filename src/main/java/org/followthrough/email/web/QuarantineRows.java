package org.followthrough.email.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.inbound.Quarantine;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Quarantined messages as the console and the API show them: with the address of the mailbox that
 * received them and the number of the case a retry placed them on, read once per page.
 */
@Component
class QuarantineRows {

    /** What a retry came to, for the row that shows it. */
    enum Retried {
        PLACED,
        THROUGH_WITHOUT_CASE,
        STILL_STUCK
    }

    /** A message with its mailbox address (null when the mailbox is gone) and case number, if released to one. */
    record Row(Quarantine.Item item, String mailboxAddress, Long caseNumber, Retried retried) {}

    private final MailboxDesk mailboxes;
    private final CaseQueries cases;

    QuarantineRows(MailboxDesk mailboxes, CaseQueries cases) {
        this.mailboxes = mailboxes;
        this.cases = cases;
    }

    List<Row> of(List<Quarantine.Item> items) {
        var addresses = mailboxes.list().stream().collect(Collectors.toMap(Mailbox::id, Mailbox::address));
        var caseIds = items.stream()
                .map(Quarantine.Item::releasedTo)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<CaseId, Long> numbers =
                cases.getAll(caseIds).stream().collect(Collectors.toMap(CaseView::id, CaseView::number, (a, b) -> a));
        return items.stream()
                .map(item -> new Row(
                        item,
                        address(addresses, item.mailboxId()),
                        item.releasedTo() == null ? null : numbers.get(item.releasedTo()),
                        null))
                .toList();
    }

    Row of(Quarantine.Item item) {
        return of(List.of(item)).getFirst();
    }

    /** The message as it is after a retry, with what the retry came to. */
    Row retried(Quarantine.Item item, MailIngest.Result result) {
        var row = of(item);
        Retried retried;
        if (result.outcome() == MailIngest.Outcome.QUARANTINED) {
            retried = Retried.STILL_STUCK;
        } else {
            retried = result.caseId() == null ? Retried.THROUGH_WITHOUT_CASE : Retried.PLACED;
        }
        Long number = result.caseId() == null
                ? row.caseNumber()
                : cases.find(result.caseId()).map(CaseView::number).orElse(null);
        return new Row(row.item(), row.mailboxAddress(), number, retried);
    }

    /** The original as it arrived: downloaded, never shown by the browser. */
    static ResponseEntity<byte[]> download(UUID id, byte[] raw) {
        return ResponseEntity.ok()
                .contentType(new MediaType("message", "rfc822"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("quarantined-" + id + ".eml")
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(raw);
    }

    private static String address(Map<MailboxId, String> addresses, MailboxId id) {
        return id == null ? null : addresses.get(id);
    }
}
