package org.followthrough.search.web;

import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseSearch;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.SignedInAgent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SearchController {

    private final CaseSearch cases;
    private final CaseAccess access;
    private final CustomerQueries customers;

    SearchController(CaseSearch cases, CaseAccess access, CustomerQueries customers) {
        this.cases = cases;
        this.access = access;
        this.customers = customers;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal SignedInAgent me, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("cases", cases.search(q, access.scopeOf(me), 30));
        model.addAttribute("customers", customers.search(q, 10));
        return "search/results";
    }
}
