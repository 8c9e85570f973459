package org.followthrough.customer.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.followthrough.customer.CustomerActivity;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.OrganizationId;
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

/** Organizations: the companies customers belong to, with everyone's cases in one place. */
@Controller
class OrganizationController {

    private final CustomerDesk desk;
    private final CustomerQueries queries;
    private final CustomerActivity activity;

    OrganizationController(CustomerDesk desk, CustomerQueries queries, CustomerActivity activity) {
        this.desk = desk;
        this.queries = queries;
        this.activity = activity;
    }

    record OrganizationForm(
            UUID id,
            String name,
            String domains,
            @Text.MultiLine String notes,
            String segmentId) {}

    @GetMapping("/organizations")
    String list(Model model) {
        model.addAttribute("organizations", queries.organizations());
        return "customer/organizations";
    }

    @GetMapping("/organizations/{id}")
    String show(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var organization = queries.getOrganization(new OrganizationId(id));
        model.addAttribute("organization", organization);
        model.addAttribute("members", queries.membersOf(organization.id(), 500));
        model.addAttribute("cases", activity.casesOfOrganization(organization.id(), me, 200));
        return "customer/organization";
    }

    @GetMapping("/organizations/new")
    String create(Model model) {
        return form(new OrganizationForm(null, "", "", "", ""), null, model);
    }

    @GetMapping("/organizations/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var o = queries.getOrganization(new OrganizationId(id));
        return form(
                new OrganizationForm(
                        id,
                        o.name(),
                        String.join(", ", o.domains()),
                        o.notes(),
                        o.segmentId() == null ? "" : o.segmentId().toString()),
                null,
                model);
    }

    @PostMapping("/organizations")
    String created(@ModelAttribute OrganizationForm form, @AuthenticationPrincipal SignedInAgent me, Model model) {
        try {
            Text.check(form);
            var o = desk.createOrganization(form.name(), domains(form), form.notes(), segment(form), me.actor());
            return "redirect:/organizations/" + o.id();
        } catch (InvalidInputException | ConflictException | IllegalArgumentException e) {
            return form(form, e.getMessage(), model);
        }
    }

    @PostMapping("/organizations/{id}")
    String updated(
            @PathVariable UUID id,
            @ModelAttribute OrganizationForm form,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        try {
            Text.check(form);
            desk.updateOrganization(
                    new OrganizationId(id), form.name(), domains(form), form.notes(), segment(form), me.actor());
            return "redirect:/organizations/" + id;
        } catch (InvalidInputException | ConflictException | IllegalArgumentException e) {
            return form(
                    new OrganizationForm(id, form.name(), form.domains(), form.notes(), form.segmentId()),
                    e.getMessage(),
                    model);
        }
    }

    private String form(OrganizationForm form, String error, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("segments", queries.segments());
        return "customer/organization-form";
    }

    private static List<String> domains(OrganizationForm form) {
        return form.domains() == null ? List.of() : Arrays.asList(form.domains().split("[,\\s]+"));
    }

    private static SegmentId segment(OrganizationForm form) {
        return form.segmentId() == null || form.segmentId().isBlank()
                ? null
                : new SegmentId(UUID.fromString(form.segmentId()));
    }
}
