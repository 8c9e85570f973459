package org.followthrough.customer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.customer.ContactChannel;
import org.followthrough.customer.CustomerActivity;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.customer.OrganizationId;
import org.followthrough.customer.Phone;
import org.followthrough.customer.SegmentId;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Customer pages: the list, one customer's whole history, and the form to create or change one. */
@Controller
class CustomerController {

    private static final int PAGE = 50;
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/"))
            .sorted()
            .toList();

    private final CustomerDesk desk;
    private final CustomerQueries queries;
    private final CustomerActivity activity;

    CustomerController(CustomerDesk desk, CustomerQueries queries, CustomerActivity activity) {
        this.desk = desk;
        this.queries = queries;
        this.activity = activity;
    }

    /** The customer form as typed: free text, so that a refused form comes back unchanged. */
    record CustomerForm(
            UUID id,
            String name,
            String formOfAddress,
            @Text.MultiLine String emails,
            @Text.MultiLine String phones,
            String language,
            String timeZone,
            String preferredChannel,
            String organizationId,
            String segmentId,
            @Text.MultiLine String notes) {

        static CustomerForm empty() {
            return new CustomerForm(null, "", "", "", "", "en", "UTC", "EMAIL", "", "", "");
        }

        static CustomerForm of(CustomerView c) {
            return new CustomerForm(
                    c.id().value(),
                    c.name(),
                    c.formOfAddress(),
                    String.join("\n", c.emails()),
                    String.join(
                            "\n",
                            c.phones().stream()
                                    .map(p -> (p.number() + " " + p.label()).strip())
                                    .toList()),
                    c.language(),
                    c.timeZone().getId(),
                    c.preferredChannel().name(),
                    c.organizationId() == null ? "" : c.organizationId().toString(),
                    c.segmentId() == null ? "" : c.segmentId().toString(),
                    c.notes());
        }

        CustomerDetails details() {
            return new CustomerDetails(
                    name,
                    lines(emails),
                    lines(phones).stream().map(CustomerForm::phone).toList(),
                    language,
                    timeZone,
                    preferredChannel == null || preferredChannel.isBlank()
                            ? null
                            : ContactChannel.valueOf(preferredChannel),
                    formOfAddress == null ? "" : formOfAddress,
                    notes == null ? "" : notes,
                    blank(organizationId) ? null : new OrganizationId(UUID.fromString(organizationId)),
                    blank(segmentId) ? null : new SegmentId(UUID.fromString(segmentId)),
                    blank(organizationId),
                    blank(segmentId));
        }

        private static Phone phone(String line) {
            var m = Pattern.compile("^([+0-9 ()./-]+?)\\s*([\\p{L}].*)?$").matcher(line);
            return m.matches()
                    ? new Phone(m.group(1).strip(), m.group(2) == null ? "" : m.group(2))
                    : new Phone(line, "");
        }

        private static List<String> lines(String text) {
            return text == null
                    ? List.of()
                    : Arrays.stream(text.split("[\\r\\n,;]+"))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
        }
    }

    @GetMapping("/customers")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        if (q != null && !q.isBlank()) {
            model.addAttribute("items", queries.search(q, PAGE));
            model.addAttribute("next", null);
        } else {
            var slice = queries.list(cursor, PAGE);
            model.addAttribute("items", slice.items());
            model.addAttribute("next", slice.nextCursor());
        }
        model.addAttribute("q", q);
        return "customer/list";
    }

    @GetMapping("/customers/pick")
    String pick(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("items", queries.search(q, 8));
        model.addAttribute("q", q);
        return "customer/pick :: picks";
    }

    @GetMapping("/customers/{id}")
    String show(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var customer = queries.get(new CustomerId(id));
        model.addAttribute("customer", customer);
        model.addAttribute("cases", activity.casesOf(customer.id(), me, 200));
        return "customer/detail";
    }

    @GetMapping("/customers/new")
    String create(Model model) {
        return form(CustomerForm.empty(), null, model);
    }

    @GetMapping("/customers/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        return form(CustomerForm.of(queries.get(new CustomerId(id))), null, model);
    }

    @PostMapping("/customers")
    String created(@ModelAttribute CustomerForm form, @AuthenticationPrincipal SignedInAgent me, Model model) {
        try {
            Text.check(form);
            var customer = desk.create(form.details(), me.actor());
            return "redirect:/customers/" + customer.id();
        } catch (InvalidInputException | ConflictException | IllegalArgumentException e) {
            return form(form, e.getMessage(), model);
        }
    }

    @PostMapping("/customers/{id}")
    String updated(
            @PathVariable UUID id,
            @ModelAttribute CustomerForm form,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        try {
            Text.check(form);
            desk.update(new CustomerId(id), form.details(), me.actor());
            return "redirect:/customers/" + id;
        } catch (InvalidInputException | ConflictException | IllegalArgumentException e) {
            return form(
                    new CustomerForm(
                            id,
                            form.name(),
                            form.formOfAddress(),
                            form.emails(),
                            form.phones(),
                            form.language(),
                            form.timeZone(),
                            form.preferredChannel(),
                            form.organizationId(),
                            form.segmentId(),
                            form.notes()),
                    e.getMessage(),
                    model);
        }
    }

    private String form(CustomerForm form, String error, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("zones", ZONES);
        model.addAttribute("channels", ContactChannel.values());
        model.addAttribute("organizations", queries.organizations());
        model.addAttribute("segments", queries.segments());
        return "customer/form";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
