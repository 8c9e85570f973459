package org.followthrough.email.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.inbound.UnfiledMail;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Slice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Mail not filed, for admins: received mail on no case, the reason, its original, and filing it as a case. */
@RestController
@Tag(name = "Mail not filed")
@RequestMapping("/api/v1/mail/not-filed")
@PreAuthorize("hasRole('ADMIN')")
class UnfiledMailApiController {

    private final UnfiledMail unfiled;
    private final MailIngest ingest;
    private final UnfiledMailRows rows;

    UnfiledMailApiController(UnfiledMail unfiled, MailIngest ingest, UnfiledMailRows rows) {
        this.unfiled = unfiled;
        this.ingest = ingest;
        this.rows = rows;
    }

    record UnfiledMailResponse(
            UUID id,

            @Schema(description = "The mailbox it arrived in; null when that mailbox was deleted since")
            UUID mailboxId,

            String mailboxAddress,

            @Schema(description = "The Message-ID, or sha256: and the hash of the original when it has none")
            String messageKey,

            String from,
            String fromName,
            String subject,

            @Schema(description = "Why it went on no case") String reason,

            @Schema(description = "The size of the original in bytes")
            long size,

            Instant receivedAt,

            @Schema(description = "When an admin filed it as a case; null while it is on none")
            Instant filedAt,

            UUID caseId,
            Long caseNumber,

            @Schema(
                    description = "Only on a single message: the original as text (UTF-8, other bytes as Latin-1), "
                            + "at most 256 KB; /raw has the bytes")
            String source) {

        static UnfiledMailResponse of(UnfiledMailRows.Row row, String source) {
            var item = row.item();
            return new UnfiledMailResponse(
                    item.id(),
                    item.mailboxId() == null ? null : item.mailboxId().value(),
                    row.mailboxAddress(),
                    item.messageKey(),
                    item.fromAddress(),
                    item.fromName(),
                    item.subject(),
                    item.reason(),
                    item.size(),
                    item.receivedAt(),
                    item.filedAt(),
                    item.filedTo() == null ? null : item.filedTo().value(),
                    row.caseNumber(),
                    source);
        }
    }

    record FiledResponse(
            @Schema(
                    description = "What filing came to: a new case, added to the case it answers, a follow-up "
                            + "of a case ended long ago, or already_filed when an earlier request filed it",
                    allowableValues = {"new_case", "added", "follow_up", "already_filed"})
            String outcome,

            UUID caseId,
            Long caseNumber) {}

    @GetMapping
    @Operation(
            summary = "List mail not filed",
            description = "Admins only. Received mail that went on no case, newest first, keyset-paginated; "
                    + "with includeFiled, also what admins filed since.")
    Slice<UnfiledMailResponse> list(
            @RequestParam(defaultValue = "false") boolean includeFiled,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        var slice = unfiled.list(includeFiled, cursor, PageSize.of(limit));
        return new Slice<>(
                rows.of(slice.items()).stream()
                        .map(row -> UnfiledMailResponse.of(row, null))
                        .toList(),
                slice.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a message not filed, with its source", description = "Admins only.")
    UnfiledMailResponse get(@PathVariable UUID id) {
        var item = find(id);
        return UnfiledMailResponse.of(
                rows.of(item), UnfiledMailRows.source(unfiled.raw(id).orElse(new byte[0])));
    }

    @GetMapping("/{id}/raw")
    @Operation(
            summary = "Download the original message",
            description = "Admins only. The bytes exactly as they arrived, as message/rfc822.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "message/rfc822",
                                            schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<byte[]> raw(@PathVariable UUID id) {
        return UnfiledMailRows.download(
                id, unfiled.raw(id).orElseThrow(() -> new NotFoundException("Received message", id)));
    }

    @PostMapping("/{id}/file")
    @Operation(
            summary = "File a message as a case",
            description = "Admins only. Places the message as if a person had written it: on the case it "
                    + "answers, or a new case for its sender; no acknowledgement is sent. Idempotent: a second "
                    + "request answers already_filed with the same case. 409 when the message has no sender "
                    + "to answer.")
    FiledResponse file(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        find(id);
        var filed = ingest.fileAsCase(id, agent.actor());
        return new FiledResponse(
                filed.already() ? "already_filed" : ApiNames.of(filed.outcome()),
                filed.caseId().value(),
                rows.number(filed.caseId()));
    }

    private UnfiledMail.Item find(UUID id) {
        return unfiled.find(id).orElseThrow(() -> new NotFoundException("Received message", id));
    }
}
