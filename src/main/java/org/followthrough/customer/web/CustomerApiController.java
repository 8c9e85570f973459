package org.followthrough.customer.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.followthrough.customer.ContactChannel;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.OrganizationId;
import org.followthrough.customer.Phone;
import org.followthrough.customer.SegmentId;
import org.followthrough.customer.web.CustomerResponse.PhoneBody;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.MergePatch;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Text;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Customers")
@RequestMapping("/api/v1/customers")
class CustomerApiController {

    private static final Set<String> CHANGEABLE = Set.of(
            "name",
            "emails",
            "phones",
            "language",
            "timeZone",
            "preferredChannel",
            "formOfAddress",
            "notes",
            "organizationId",
            "segmentId");

    private final CustomerDesk desk;
    private final CustomerQueries queries;

    CustomerApiController(CustomerDesk desk, CustomerQueries queries) {
        this.desk = desk;
        this.queries = queries;
    }

    /** A new customer. {@code email} is a shorthand for a single entry of {@code emails}. */
    record NewCustomer(
            String name,
            String email,
            List<String> emails,
            List<PhoneBody> phones,
            String language,
            String timeZone,

            @Schema(allowableValues = {"email", "phone", "portal", "chat", "in_person"})
            String preferredChannel,

            String formOfAddress,
            @Text.MultiLine String notes,
            UUID organizationId,
            UUID segmentId) {}

    /** The fields a merge patch may carry; documents the contract, the patch itself is read as JSON. */
    record CustomerChanges(
            String name,
            List<String> emails,
            List<PhoneBody> phones,
            String language,
            String timeZone,
            String preferredChannel,
            String formOfAddress,
            @Text.MultiLine String notes,
            UUID organizationId,
            UUID segmentId) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a customer")
    ResponseEntity<CustomerResponse> create(
            @RequestBody NewCustomer body, @AuthenticationPrincipal SignedInAgent agent) {
        if (body.email() != null && body.emails() != null) {
            throw new InvalidInputException("email", "cannot be given together with emails");
        }
        var emails = body.email() != null ? List.of(body.email()) : body.emails();
        var details = new CustomerDetails(
                body.name(),
                emails,
                phones(body.phones()),
                body.language(),
                body.timeZone(),
                ApiNames.parse(ContactChannel.class, "preferredChannel", body.preferredChannel()),
                body.formOfAddress(),
                body.notes(),
                OrganizationId.of(body.organizationId()),
                SegmentId.of(body.segmentId()),
                false,
                false);
        var created =
                CustomerResponse.of(withEmailsNamed(body.emails() != null, () -> desk.create(details, agent.actor())));
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(created.id())
                .toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @Operation(
            summary = "List customers by name, or find them",
            description = "With q, the best matches by name, email or phone (one page, no cursor); "
                    + "without, all customers in name order, keyset-paginated.")
    Slice<CustomerResponse> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        var size = PageSize.of(limit);
        if (q != null && !q.isBlank()) {
            if (cursor != null && !cursor.isBlank()) {
                throw new InvalidInputException("cursor", "cannot be combined with q: search answers one page");
            }
            return new Slice<>(
                    queries.search(q, size).stream().map(CustomerResponse::of).toList(), null);
        }
        return queries.list(cursor, size).map(CustomerResponse::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a customer")
    CustomerResponse get(@PathVariable UUID id) {
        return CustomerResponse.of(queries.get(new CustomerId(id)));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Change a customer (JSON merge patch)",
            description = "Only the fields present change. null clears organizationId, segmentId, formOfAddress, "
                    + "notes, emails and phones; name, language, timeZone and preferredChannel cannot be cleared.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CustomerChanges.class))))
    CustomerResponse change(
            @PathVariable UUID id, @RequestBody JsonNode body, @AuthenticationPrincipal SignedInAgent agent) {
        var patch = MergePatch.of(body, CHANGEABLE);
        var emails = patch.texts("emails");
        var details = new CustomerDetails(
                patch.text("name"),
                emails,
                patch.has("phones") ? phones(patch) : null,
                patch.text("language"),
                patch.text("timeZone"),
                patch.oneOf("preferredChannel", ContactChannel.class),
                patch.removes("formOfAddress") ? "" : patch.text("formOfAddress"),
                patch.removes("notes") ? "" : patch.text("notes"),
                patch.removes("organizationId") ? null : OrganizationId.of(patch.uuid("organizationId")),
                patch.removes("segmentId") ? null : SegmentId.of(patch.uuid("segmentId")),
                patch.removes("organizationId"),
                patch.removes("segmentId"));
        return CustomerResponse.of(
                withEmailsNamed(emails != null, () -> desk.update(new CustomerId(id), details, agent.actor())));
    }

    private static List<Phone> phones(List<PhoneBody> phones) {
        if (phones == null) {
            return null;
        }
        var result = new ArrayList<Phone>();
        for (int i = 0; i < phones.size(); i++) {
            var phone = phones.get(i);
            if (phone == null) {
                throw new InvalidInputException("phones[" + i + "]", "must be an object with a number");
            }
            result.add(new Phone(phone.number(), phone.label()));
        }
        return result;
    }

    private static List<Phone> phones(MergePatch patch) {
        var node = patch.node("phones");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInputException("phones", "must be a list of {number, label}");
        }
        var result = new ArrayList<Phone>();
        for (int i = 0; i < node.size(); i++) {
            var phone = node.get(i);
            var field = "phones[" + i + "]";
            if (!phone.isObject()) {
                throw new InvalidInputException(field, "must be an object with a number");
            }
            for (var name : phone.propertyNames()) {
                if (!name.equals("number") && !name.equals("label")) {
                    throw new InvalidInputException(field + "." + name, "is not a field of a phone");
                }
            }
            result.add(new Phone(
                    text(phone.get("number"), field + ".number"), text(phone.get("label"), field + ".label")));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return node.stringValue();
    }

    /**
     * Customers names a lone bad address {@code email}; a client that sent a list wants to hear
     * {@code emails[0]}.
     */
    private static <T> T withEmailsNamed(boolean sentList, Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            if (sentList && e.field().equals("email")) {
                throw new InvalidInputException("emails[0]", e.getMessage().substring("email ".length()));
            }
            throw e;
        }
    }
}
