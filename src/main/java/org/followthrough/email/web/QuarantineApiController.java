package org.followthrough.email.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.inbound.Quarantine;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Slice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The quarantine for admins: what could not be read or placed, its original, and a retry. */
@RestController
@Tag(name = "Mail quarantine")
@RequestMapping("/api/v1/quarantine")
@PreAuthorize("hasRole('ADMIN')")
class QuarantineApiController {

    private final Quarantine quarantine;
    private final MailIngest ingest;
    private final QuarantineRows rows;

    QuarantineApiController(Quarantine quarantine, MailIngest ingest, QuarantineRows rows) {
        this.quarantine = quarantine;
        this.ingest = ingest;
        this.rows = rows;
    }

    /** A message that could not be read or placed on a case, without its bytes (see {@code /raw}). */
    record QuarantineResponse(
            UUID id,

            @Schema(description = "The mailbox it arrived in; null when that mailbox was deleted since")
            UUID mailboxId,

            String mailboxAddress,

            @Schema(description = "The sender, when it could be read")
            String from,

            String subject,

            @Schema(description = "Why it could not be read or placed, after the last attempt")
            String reason,

            @Schema(description = "How often it was tried, the first time included")
            int attempts,

            @Schema(description = "The size of the original in bytes")
            long size,

            Instant receivedAt,
            Instant lastTriedAt,

            @Schema(description = "When a retry got it through; null while it waits")
            Instant releasedAt,

            @Schema(description = "The case a retry placed it on, if any")
            UUID caseId,

            Long caseNumber) {

        static QuarantineResponse of(QuarantineRows.Row row) {
            var item = row.item();
            return new QuarantineResponse(
                    item.id(),
                    item.mailboxId() == null ? null : item.mailboxId().value(),
                    row.mailboxAddress(),
                    item.fromAddress(),
                    item.subject(),
                    item.reason(),
                    item.attempts(),
                    item.size(),
                    item.receivedAt(),
                    item.lastTriedAt(),
                    item.releasedAt(),
                    item.releasedTo() == null ? null : item.releasedTo().value(),
                    row.caseNumber());
        }
    }

    /** What a retry came to. */
    record RetryResponse(
            @Schema(
                    description = "quarantined: still cannot be placed (the item's reason says why); anything else: "
                            + "it went through and is released",
                    allowableValues = {
                        "new_case",
                        "added",
                        "follow_up",
                        "auto_reply",
                        "bounce",
                        "ignored",
                        "duplicate",
                        "quarantined"
                    })
            String outcome,

            @Schema(description = "The case it is on now, if any")
            UUID caseId,

            Long caseNumber) {}

    @GetMapping
    @Operation(
            summary = "List quarantined messages",
            description = "Admins only. Newest first, keyset-paginated; only those still waiting unless "
                    + "includeReleased is true.")
    Slice<QuarantineResponse> list(
            @RequestParam(defaultValue = "false") boolean includeReleased,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        var slice = quarantine.list(includeReleased, cursor, PageSize.of(limit));
        return new Slice<>(
                rows.of(slice.items()).stream().map(QuarantineResponse::of).toList(), slice.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a quarantined message", description = "Admins only.")
    QuarantineResponse get(@PathVariable UUID id) {
        return QuarantineResponse.of(rows.of(find(id)));
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
        return QuarantineRows.download(
                id, quarantine.raw(id).orElseThrow(() -> new NotFoundException("Quarantined message", id)));
    }

    @PostMapping("/{id}/retry")
    @Operation(
            summary = "Try a quarantined message again",
            description = "Admins only. Reads and places the original as if it had just arrived. When it goes "
                    + "through it is released (409 when it already was); when it still cannot be placed it stays, "
                    + "its attempts counted and its reason updated.")
    RetryResponse retry(@PathVariable UUID id) {
        var result = ingest.retry(id);
        var row = rows.retried(find(id), result);
        return new RetryResponse(
                ApiNames.of(result.outcome()),
                result.caseId() == null ? null : result.caseId().value(),
                result.caseId() == null ? null : row.caseNumber());
    }

    private Quarantine.Item find(UUID id) {
        return quarantine.find(id).orElseThrow(() -> new NotFoundException("Quarantined message", id));
    }
}
