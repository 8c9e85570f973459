package org.followthrough.email.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.email.inbound.UnfiledMail;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Mail not filed as the console and the API show it: with its mailbox's address and, once filed, its case number. */
@Component
class UnfiledMailRows {

    /** The most of an original the page and the API show as text; the download has all of it. */
    static final int SOURCE_SHOWN = 256 * 1024;

    record Row(UnfiledMail.Item item, String mailboxAddress, Long caseNumber) {}

    private final MailboxDesk mailboxes;
    private final CaseQueries cases;

    UnfiledMailRows(MailboxDesk mailboxes, CaseQueries cases) {
        this.mailboxes = mailboxes;
        this.cases = cases;
    }

    List<Row> of(List<UnfiledMail.Item> items) {
        var addresses = mailboxes.list().stream().collect(Collectors.toMap(Mailbox::id, Mailbox::address));
        var caseIds = items.stream()
                .map(UnfiledMail.Item::filedTo)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<CaseId, Long> numbers =
                cases.getAll(caseIds).stream().collect(Collectors.toMap(CaseView::id, CaseView::number, (a, b) -> a));
        return items.stream()
                .map(item -> new Row(
                        item,
                        item.mailboxId() == null ? null : addresses.get(item.mailboxId()),
                        item.filedTo() == null ? null : numbers.get(item.filedTo())))
                .toList();
    }

    Row of(UnfiledMail.Item item) {
        return of(List.of(item)).getFirst();
    }

    Long number(CaseId caseId) {
        return cases.find(caseId).map(CaseView::number).orElse(null);
    }

    /**
     * The original as text for reading: UTF-8 where it is, each other byte as itself (Latin-1), so
     * 8-bit headers and bodies show as they came rather than as replacement characters; cut at
     * {@link #SOURCE_SHOWN} bytes.
     */
    static String source(byte[] raw) {
        int length = Math.min(raw.length, SOURCE_SHOWN);
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(raw, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** The original as it arrived: downloaded, never shown by the browser. */
    static ResponseEntity<byte[]> download(UUID id, byte[] raw) {
        return ResponseEntity.ok()
                .contentType(new MediaType("message", "rfc822"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("mail-" + id + ".eml")
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(raw);
    }
}
