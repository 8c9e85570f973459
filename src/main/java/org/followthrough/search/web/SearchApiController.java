package org.followthrough.search.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseHit;
import org.followthrough.cases.CaseSearch;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.PageSize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Search")
class SearchApiController {

    private final CaseSearch cases;
    private final CaseAccess access;
    private final CustomerQueries customers;

    SearchApiController(CaseSearch cases, CaseAccess access, CustomerQueries customers) {
        this.cases = cases;
        this.access = access;
        this.customers = customers;
    }

    /** What matched a search: cases with the passage that matched, and customers. */
    record SearchResults(List<CaseHitResponse> cases, List<CustomerHit> customers) {}

    /**
     * A case that matched. {@code snippetHtml} is escaped text whose only markup is {@code <mark>};
     * {@code entryId} names the timeline entry that matched, absent when the subject did.
     */
    record CaseHitResponse(
            UUID id,
            long number,
            String subject,
            String status,
            String priority,
            UUID customerId,
            String customerName,
            UUID ownerId,
            String ownerName,
            Instant lastActivityAt,
            UUID entryId,
            String snippetHtml,
            double rank) {

        static CaseHitResponse of(CaseHit hit) {
            var c = hit.supportCase();
            return new CaseHitResponse(
                    c.id().value(),
                    c.number(),
                    c.subject(),
                    ApiNames.of(c.status()),
                    ApiNames.of(c.priority()),
                    c.people().customerId().value(),
                    c.people().customerName(),
                    c.people().ownerId() == null ? null : c.people().ownerId().value(),
                    c.people().ownerName(),
                    c.clock().lastActivityAt(),
                    hit.entryId(),
                    hit.snippetHtml(),
                    hit.rank());
        }
    }

    /** A customer that matched. */
    record CustomerHit(UUID id, String name, List<String> emails, String organizationName) {

        static CustomerHit of(CustomerView c) {
            return new CustomerHit(c.id().value(), c.name(), c.emails(), c.organizationName());
        }
    }

    @GetMapping("/api/v1/search")
    @Operation(
            summary = "Search cases and customers",
            description = "Cases by full text of subject and timeline (#1042 finds that case), customers by name, "
                    + "email or phone; each list holds at most limit hits, best first.")
    SearchResults search(
            @RequestParam String q,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal SignedInAgent agent) {
        if (q.isBlank()) {
            throw new InvalidInputException("q", "must not be blank");
        }
        var size = PageSize.of(limit);
        return new SearchResults(
                cases.search(q, access.scopeOf(agent), size).stream()
                        .map(CaseHitResponse::of)
                        .toList(),
                customers.search(q, size).stream().map(CustomerHit::of).toList());
    }
}
