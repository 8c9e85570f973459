package org.followthrough.customer.web;

import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Segments, managed by admins: the groups of customers that will get their own playbooks. */
@Controller
class SegmentController {

    private final CustomerDesk desk;
    private final CustomerQueries queries;

    SegmentController(CustomerDesk desk, CustomerQueries queries) {
        this.desk = desk;
        this.queries = queries;
    }

    @GetMapping("/admin/segments")
    String list(Model model) {
        model.addAttribute("segments", queries.segments());
        return "admin/segments";
    }

    @PostMapping("/admin/segments")
    String create(
            @RequestParam String name,
            @Text.MultiLine @RequestParam(defaultValue = "") String description,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        try {
            desk.createSegment(name, description, me.actor());
            return "redirect:/admin/segments";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", e.getMessage());
            return list(model);
        }
    }
}
